import { z } from "@/lib/validation";
import { authorizationCodeProblem } from "./validate";

export const CODE_FORMAT_MESSAGE = "El Código de Autorización tiene 11 dígitos.";
export const CODE_CHECK_DIGIT_MESSAGE =
  "El Código de Autorización no es válido: el dígito verificador no coincide. Revise que lo haya escrito bien.";

/** A typed Código de Autorización: spaces and dashes are ignored; the check digit must match. */
export const authorizationCodeSchema = z
  .string({ error: "Ingrese el Código de Autorización." })
  .transform((text) => text.replace(/[\s-]/g, ""))
  .superRefine((code, ctx) => {
    const problem = authorizationCodeProblem(code);
    if (problem === "FORMATO") ctx.addIssue({ code: "custom", message: CODE_FORMAT_MESSAGE });
    if (problem === "DIGITO_VERIFICADOR") ctx.addIssue({ code: "custom", message: CODE_CHECK_DIGIT_MESSAGE });
  });
