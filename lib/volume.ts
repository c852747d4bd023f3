/**
 * Volumes in gallons, exact to 0.01: stored and computed as integer hundredths, never as floats.
 */
export type Hundredths = number;

/** Largest volume any single field may hold: 10 million gallons. */
export const MAX_VOLUME_HUNDREDTHS = 1_000_000_000;

const VOLUME_PATTERN = /^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$/;

/**
 * Parses a volume typed by a person ("3100", "3,100.5", "12.25") into hundredths.
 * Returns null when the text is not a plain non-negative number with at most two decimals.
 */
export function parseGallons(text: string): Hundredths | null {
  const trimmed = text.trim();
  if (!VOLUME_PATTERN.test(trimmed)) return null;
  const [whole, fraction = ""] = trimmed.replace(/,/g, "").split(".");
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  return Number.isSafeInteger(value) ? value : null;
}

/** Hundredths as a plain decimal string for machines: 310050 → "3100.50". */
export function toDecimalString(hundredths: Hundredths): string {
  const sign = hundredths < 0 ? "-" : "";
  const abs = Math.abs(hundredths);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const GALLONS_FORMAT = new Intl.NumberFormat("es-PE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Hundredths formatted for people in es-PE: 310050 → "3,100.50". */
export function formatGallons(hundredths: Hundredths): string {
  // Dividing by 100 for display only: the result is rounded to two decimals by the formatter.
  return GALLONS_FORMAT.format(hundredths / 100);
}
