/**
 * Placas de rodaje of Peruvian vehicles, as a tank truck carries them:
 * - since 2010 (Placa Única Nacional de Rodaje): a letter, two letters or digits, three digits —
 *   "F1X-710" (seed 001), "T8A-870" (seed 003), "ABC-123";
 * - 1995–2009: three letters and three digits ("ABC-123", covered above) or two letters and four
 *   digits ("AB-1234").
 * Typed with or without the hyphen, spaces or lower case; stored and compared as "F1X-710".
 */
const CURRENT = /^([A-Z][A-Z0-9]{2})-?(\d{3})$/;
const OLD = /^([A-Z]{2})-?(\d{4})$/;

export const PLATE_FORMAT_MESSAGE = "La placa no tiene un formato peruano válido (por ejemplo F1X-710, ABC-123 o AB-1234).";
export const PLATE_AMBIGUOUS_MESSAGE = "Escriba la placa con su guion: por ejemplo AB1-234 o AB-1234 son placas distintas.";

/**
 * The plate as stored ("F1X-710"), or null when the text is not a Peruvian plate — or could be
 * two: without its hyphen "AB1234" is either AB1-234 or AB-1234.
 */
export function normalizePlate(text: string): string | null {
  const compact = text.trim().toUpperCase().replace(/[\s.]/g, "").replace(/–|—/g, "-");
  const current = CURRENT.exec(compact);
  const old = OLD.exec(compact);
  if (current && old) return null;
  const match = current ?? old;
  return match ? `${match[1]}-${match[2]}` : null;
}

/** Why a typed plate was refused, in Spanish. */
export function plateMessage(text: string): string {
  const compact = text.trim().toUpperCase().replace(/[\s.]/g, "");
  return CURRENT.test(compact) && OLD.test(compact) ? PLATE_AMBIGUOUS_MESSAGE : PLATE_FORMAT_MESSAGE;
}

export function isPlate(text: string): boolean {
  return normalizePlate(text) !== null;
}
