/**
 * Density and temperature of a lot, optional, as the real SCOP records them, and the lot's mass.
 *
 * The mass comes from the volume and the density: m = V × ρ, with V in litres from the US gallon
 * (exactly 3.785411784 L: 231 cubic inches, NIST Handbook 44 Appendix C) and ρ the density
 * observed at the temperature recorded beside it (kg/L). The temperature is kept as evidence; the
 * conversion uses no temperature correction, because the observed density already belongs to the
 * product as it was measured. Everything is integer arithmetic: volumes are hundredths of a
 * gallon, densities ten-thousandths of kg/L, temperatures tenths of °C.
 */
import type { Hundredths } from "@/lib/volume";

/** ten-thousandths of kg/L: 0.5420 kg/L = 5420 */
export type DensityUnits = number;
/** tenths of °C: 18.5 °C = 185 */
export type TemperatureUnits = number;

/** Liquefied petroleum gas lies between propane (~0.50 kg/L) and butane (~0.60 kg/L) near ambient temperature. */
export const MIN_DENSITY = 4_000;
export const MAX_DENSITY = 7_000;
export const MIN_TEMPERATURE = -300;
export const MAX_TEMPERATURE = 700;

/** nanolitres in one US gallon */
const NANOLITRES_PER_GALLON = 3_785_411_784n;

/** "0.542" or "0,5420" (kg/L, up to 4 decimals) → 5420; null when not such a number. */
export function parseDensity(text: string): DensityUnits | null {
  const match = /^0?[.,](\d{1,4})$/.exec(text.trim());
  return match ? Number(match[1].padEnd(4, "0")) : null;
}

/** "18.5", "-2", "21,0" (°C, up to one decimal) → 185, -20, 210; null when not such a number. */
export function parseTemperature(text: string): TemperatureUnits | null {
  const match = /^(-?)(\d{1,2})(?:[.,](\d))?$/.exec(text.trim());
  if (!match) return null;
  const value = Number(match[2]) * 10 + Number(match[3] ?? "0");
  return match[1] ? -value : value;
}

export function formatDensity(density: DensityUnits): string {
  return `0.${String(density).padStart(4, "0")}`;
}

export function formatTemperature(temperature: TemperatureUnits): string {
  const sign = temperature < 0 ? "-" : "";
  const abs = Math.abs(temperature);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}`;
}

/** The mass in whole kilograms (rounded half up) of `volume` hundredths of a gallon at `density`. */
export function massKilograms(volume: Hundredths, density: DensityUnits): number {
  // hundredths of gal × nL/gal × ten-thousandths of kg/L = kg × 10^2 × 10^9 × 10^4
  const scaled = BigInt(volume) * NANOLITRES_PER_GALLON * BigInt(density);
  const unit = 10n ** 15n;
  return Number((scaled + unit / 2n) / unit);
}

const KG_FORMAT = new Intl.NumberFormat("es-PE", { maximumFractionDigits: 0 });

export function formatKilograms(kilograms: number): string {
  return KG_FORMAT.format(kilograms);
}
