/** The "Orden de Pedido" search: by date range or by Código de Autorización. */
import { authorizationCodeSchema } from "@/lib/authorization-code/schema";
import { isLimaDay } from "@/lib/time";
import { z } from "@/lib/validation";

const day = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isLimaDay(value), { message: `La fecha ${label} no es válida.` });

export const orderSearchSchema = z
  .object({
    code: z
      .string()
      .trim()
      .optional()
      .transform((value) => value || undefined)
      .pipe(authorizationCodeSchema.optional()),
    from: day("desde"),
    to: day("hasta"),
  })
  .refine((search) => !search.from || !search.to || search.from <= search.to, {
    message: "La fecha desde debe ser anterior o igual a la fecha hasta.",
    path: ["to"],
  });

export type OrderSearch = z.output<typeof orderSearchSchema>;
