/** What an inspector records in a constatación (seed 001: where, when, which truck, doing what). */
import { authorizationCodeSchema } from "@/lib/authorization-code/schema";
import { instant } from "@/lib/orders/schemas";
import { optionalText, z } from "@/lib/validation";
import { CONSTATACION_ACTIVITIES } from "./activities";
import { normalizePlate, plateKey } from "./plate";

export { ACTIVITY_LABELS, CONSTATACION_ACTIVITIES, type ConstatacionActivity } from "./activities";

export const constatacionSchema = z.object({
  code: authorizationCodeSchema,
  /** when the inspector saw it; defaults to the moment it is recorded */
  observedAt: instant("la fecha y hora de la constatación").optional(),
  place: z
    .string({ error: "Indique el lugar de la constatación." })
    .trim()
    .min(3, { message: "Indique el lugar de la constatación (establecimiento, dirección o vía)." })
    .max(200, { message: "El lugar admite como máximo 200 caracteres." }),
  plate: z
    .string({ error: "Ingrese la placa que vio." })
    .trim()
    .refine((text) => plateKey(text).length >= 4 && plateKey(text).length <= 10, {
      message: "Ingrese la placa que vio, de 4 a 10 letras y números (por ejemplo F1X-710).",
    })
    .transform(normalizePlate),
  activity: z.enum(CONSTATACION_ACTIVITIES, { error: "Indique lo que vio: descargando, cargando o en tránsito." }),
  observations: optionalText("las observaciones", 500),
});
export type ConstatacionInput = z.input<typeof constatacionSchema>;
