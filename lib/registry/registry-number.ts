/**
 * Número de registro in the Registro de Hidrocarburos: `<code>-<3-digit activity>-<ddmmyy>`,
 * e.g. 84408-038-150516 (the ddmmyy part is the inscription date).
 */
const PATTERN = /^(\d{1,7})-(\d{3})-(\d{2})(\d{2})(\d{2})$/;

export function isValidRegistryNumber(text: string): boolean {
  const match = PATTERN.exec(text);
  if (!match) return false;
  const [, , , dd, mm, yy] = match;
  const year = 2000 + Number(yy) > new Date().getUTCFullYear() + 1 ? 1900 + Number(yy) : 2000 + Number(yy);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  return date.getUTCDate() === Number(dd) && date.getUTCMonth() === Number(mm) - 1;
}

export function registryNumber(code: number, activity: number, inscribedOn: Date): string {
  const dd = String(inscribedOn.getUTCDate()).padStart(2, "0");
  const mm = String(inscribedOn.getUTCMonth() + 1).padStart(2, "0");
  const yy = String(inscribedOn.getUTCFullYear() % 100).padStart(2, "0");
  return `${code}-${String(activity).padStart(3, "0")}-${dd}${mm}${yy}`;
}
