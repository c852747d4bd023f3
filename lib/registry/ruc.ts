/**
 * RUC (Registro Único de Contribuyentes): 11 digits, the last a modulus-11 check digit with
 * SUNAT's weights. Companies start with 20; persons with business with 10.
 */
const WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

export function rucCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(first10[i]) * WEIGHTS[i];
  const digit = 11 - (sum % 11);
  return digit === 10 ? 0 : digit === 11 ? 1 : digit;
}

export type RucProblem = "FORMATO" | "PREFIJO" | "DIGITO_VERIFICADOR";

export function rucProblem(ruc: string): RucProblem | null {
  if (!/^\d{11}$/.test(ruc)) return "FORMATO";
  if (!["10", "15", "17", "20"].includes(ruc.slice(0, 2))) return "PREFIJO";
  if (rucCheckDigit(ruc.slice(0, 10)) !== Number(ruc[10])) return "DIGITO_VERIFICADOR";
  return null;
}

export function isValidRuc(ruc: string): boolean {
  return rucProblem(ruc) === null;
}

/** A valid RUC from a 10-digit body (used by the seeds). */
export function completeRuc(first10: string): string {
  return first10 + String(rucCheckDigit(first10));
}
