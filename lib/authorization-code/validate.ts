/** Checking a typed code needs only the check digit: safe to run in the browser too. */
import { hasValidDammCheckDigit } from "./damm";

export const AUTHORIZATION_CODE_LENGTH = 11;

export type CodeProblem = "FORMATO" | "DIGITO_VERIFICADOR";

export function authorizationCodeProblem(code: string): CodeProblem | null {
  if (!/^\d{11}$/.test(code)) return "FORMATO";
  if (!hasValidDammCheckDigit(code)) return "DIGITO_VERIFICADOR";
  return null;
}

export function isValidAuthorizationCode(code: string): boolean {
  return authorizationCodeProblem(code) === null;
}
