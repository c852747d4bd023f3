/**
 * The truck form's data, shared by the browser forms, the CSV import, the API and the server:
 * every check that needs no database (plate, registry number, capacity, insurance date).
 */
import { isLimaDay } from "@/lib/time";
import { z } from "@/lib/validation";
import { MAX_VOLUME_HUNDREDTHS, parseGallons } from "@/lib/volume";
import { REGISTRY_STATUSES } from "./agent-types";
import { normalizePlate, plateMessage } from "./plate";
import { isValidRegistryNumber } from "./registry-number";

/** A tank truck carries at most this much (the largest semitrailers hold about 13,000 gal). */
export const MAX_TRUCK_CAPACITY = 2_000_000;

export const truckSchema = z.object({
  plate: z.string({ error: "Ingrese la placa." }).transform((text, ctx) => {
    if (text.trim() === "") {
      ctx.addIssue({ code: "custom", message: "Ingrese la placa." });
      return z.NEVER;
    }
    const plate = normalizePlate(text);
    if (!plate) {
      ctx.addIssue({ code: "custom", message: plateMessage(text) });
      return z.NEVER;
    }
    return plate;
  }),
  registryNumber: z
    .string({ error: "Ingrese el número de registro." })
    .trim()
    .refine(isValidRegistryNumber, { message: "El número de registro debe tener la forma código-actividad-ddmmaa, por ejemplo 84408-038-150516." }),
  ownerAgentId: z.coerce
    .number({ error: "Seleccione el agente propietario." })
    .int({ message: "Seleccione el agente propietario." })
    .positive({ message: "Seleccione el agente propietario." })
    .max(2_147_483_647, { message: "Seleccione el agente propietario." }),
  /** gallons as typed or sent ("10,000.00", 10000) */
  capacity: z.union([z.string(), z.number()], { error: "Ingrese la capacidad en galones." }).transform((value, ctx) => {
    const hundredths = typeof value === "number" ? (Number.isFinite(value) ? parseGallons(value.toFixed(2)) : null) : parseGallons(value);
    if (hundredths === null || hundredths <= 0) {
      ctx.addIssue({ code: "custom", message: "La capacidad debe ser un número de galones mayor que cero (hasta dos decimales)." });
      return z.NEVER;
    }
    if (hundredths > Math.min(MAX_TRUCK_CAPACITY, MAX_VOLUME_HUNDREDTHS)) {
      ctx.addIssue({ code: "custom", message: "La capacidad de una cisterna no puede exceder 20,000 galones." });
      return z.NEVER;
    }
    return hundredths;
  }),
  insuranceExpiresOn: z
    .string({ error: "Ingrese el vencimiento del seguro." })
    .trim()
    .refine((value) => value !== "", { message: "Ingrese el vencimiento del seguro (AAAA-MM-DD)." })
    .refine((value) => value === "" || isLimaDay(value), { message: "La fecha de vencimiento no es válida (AAAA-MM-DD)." }),
});
export type TruckInput = z.input<typeof truckSchema>;
export type TruckData = z.output<typeof truckSchema>;

export const TRUCK_STATUSES = REGISTRY_STATUSES;
export type TruckStatus = (typeof TRUCK_STATUSES)[number];

/** A change of state, always with a reason (recorded in the audit log). */
export const truckStatusSchema = z.object({
  truckId: z.coerce.number().int().positive().max(2_147_483_647),
  status: z.enum(TRUCK_STATUSES, { error: "Seleccione el nuevo estado: VIGENTE, SUSPENDIDO o CANCELADO." }),
  reason: z
    .string({ error: "Ingrese el motivo." })
    .trim()
    .min(10, { message: "Describa el motivo (al menos 10 caracteres)." })
    .max(500, { message: "El motivo admite como máximo 500 caracteres." }),
});
export type TruckStatusInput = z.input<typeof truckStatusSchema>;
