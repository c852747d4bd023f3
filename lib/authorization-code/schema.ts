import { z } from "@/lib/validation";
import { hasValidDammCheckDigit } from "./damm";

export const CODE_FORMAT_MESSAGE = "El Código de Autorización tiene 11 dígitos.";
export const CODE_CHECK_DIGIT_MESSAGE =
  "El Código de Autorización no es válido: el dígito verificador no coincide. Revise que lo haya escrito bien.";

/**
 * A typed Código de Autorización: spaces and dashes are ignored; 11 digits. The check digit is not
 * checked here: codes imported from the legacy SCOP (lib/legacy/) have none and are found by exact
 * match. Whoever looks a code up and finds nothing asks codeNotFoundProblem whether it was mistyped.
 */
export const authorizationCodeSchema = z
  .string({ error: "Ingrese el Código de Autorización." })
  .transform((text) => text.replace(/[\s-]/g, ""))
  .refine((code) => /^\d{11}$/.test(code), { message: CODE_FORMAT_MESSAGE });

/**
 * Why a well-formed code matched no order the user may see: "DIGITO_VERIFICADOR" when it fails
 * this portal's check digit (it is not one of ours, so most likely mistyped), "NO_ENCONTRADO"
 * when it passes (a code of ours that does not exist, or is another agent's). Only codes of this
 * portal carry the check digit, so the typo check applies only after the exact match failed.
 */
export function codeNotFoundProblem(code: string): "DIGITO_VERIFICADOR" | "NO_ENCONTRADO" {
  return hasValidDammCheckDigit(code) ? "NO_ENCONTRADO" : "DIGITO_VERIFICADOR";
}
