/**
 * A plate as an inspector types what it saw: free text, normalised so that "f1x 710", "F1X710"
 * and "F1X-710" are the same plate. Upper case; groups of letters and digits joined by one dash;
 * six characters typed together take the national format's dash (ABC-123). A plate in an older or
 * foreign format keeps the groups it was typed with ("AB-1234").
 */
export function normalizePlate(text: string): string {
  const groups = text.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  if (groups.length === 1 && groups[0].length === 6) return `${groups[0].slice(0, 3)}-${groups[0].slice(3)}`;
  return groups.join("-");
}

/** The characters that identify the plate, to compare it with another typing of it. */
export function plateKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, "");
}
