// Only the Spanish messages, and only the part of zod in use (lib/zod.ts): zod's whole namespace
// would bring every language into the browser's bundle.
import es from "zod/v4/locales/es.js";
import * as z from "./zod";
import { DomainError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { isLimaDay } from "@/lib/time";
import { MAX_VOLUME_HUNDREDTHS, parseGallons } from "@/lib/volume";

// Zod's own messages (for anything without a message of ours) in Spanish.
z.config(es());

export { z };

// Kept apart from zod so that a screen can read zod's errors without loading zod up front.
export { fieldErrorsOf };

/** Parses domain input; bad input becomes a DomainError with per-field Spanish messages. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new DomainError("invalid", "DATOS_INVALIDOS", "Revise los datos ingresados.", fieldErrorsOf(result.error));
}

/**
 * A volume in gallons, typed ("3,100.50") or sent as a number (3100.5), → integer hundredths.
 * `label` names the field in the messages.
 */
export function gallons(label: string) {
  return z
    .union([z.string(), z.number()], { error: `Ingrese ${label} en galones.` })
    .transform((value, ctx) => {
      const hundredths =
        typeof value === "number" ? (Number.isFinite(value) ? parseGallons(value.toFixed(2)) : null) : parseGallons(value);
      if (typeof value === "number" && hundredths !== null && Math.abs(value * 100 - hundredths) > 1e-6) {
        ctx.addIssue({ code: "custom", message: `${capitalize(label)} admite como máximo dos decimales.` });
        return z.NEVER;
      }
      if (typeof value === "string" && value.trim() === "") {
        ctx.addIssue({ code: "custom", message: `Ingrese ${label} en galones.` });
        return z.NEVER;
      }
      if (hundredths === null && isNegativeNumber(value)) {
        ctx.addIssue({ code: "custom", message: `${capitalize(label)} debe ser mayor que cero.` });
        return z.NEVER;
      }
      if (hundredths === null) {
        ctx.addIssue({
          code: "custom",
          message: `${capitalize(label)} debe ser un número en galones con hasta dos decimales (por ejemplo 3100.50).`,
        });
        return z.NEVER;
      }
      if (hundredths <= 0) {
        ctx.addIssue({ code: "custom", message: `${capitalize(label)} debe ser mayor que cero.` });
        return z.NEVER;
      }
      if (hundredths > MAX_VOLUME_HUNDREDTHS) {
        ctx.addIssue({ code: "custom", message: `${capitalize(label)} excede el máximo permitido (10,000,000 galones).` });
        return z.NEVER;
      }
      return hundredths;
    });
}

/** "-50", "-3,100.50" or -50: a number, but below zero (told apart from text that is no number at all). */
function isNegativeNumber(value: string | number): boolean {
  if (typeof value === "number") return Number.isFinite(value) && value < 0;
  const match = /^-\s*(.+)$/.exec(value.trim());
  return match !== null && parseGallons(match[1]) !== null;
}

/** A calendar date 'YYYY-MM-DD'. */
export function calendarDate(label: string) {
  return z
    .string({ error: `Ingrese ${label}.` })
    .trim()
    .refine(isLimaDay, { message: `${capitalize(label)} no es una fecha válida (AAAA-MM-DD).` });
}

/** Optional free text: blank becomes undefined. */
export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, { message: `${capitalize(label)} admite como máximo ${max} caracteres.` })
    .optional()
    .nullable()
    .transform((value) => (value ? value : undefined));
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
