/**
 * The truck registry through the HTTP API: who may read which trucks, and the JSON of a truck.
 * Reading: the regulator, the administrator and the plant operators (who check the trucks that
 * load at their plant) read every registration; a buyer or a seller reads its own agent's trucks.
 * Writing (inscribe, edit, change state): the administrator only, as on the screens.
 */
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Actor } from "@/lib/orders/context";
import { REGISTRY_STATUSES } from "@/lib/registry/agent-types";
import { plateSchema } from "@/lib/orders/schemas";
import { toDecimalString } from "@/lib/volume";
import { fromSqlDate, sql, type SqlStatements } from "@/lib/db/sql";
import { z } from "@/lib/validation";
import { truckSchema, truckStatusSchema } from "@/lib/registry/truck-schema";
import { ApiProblem } from "./problem";
import { GALLONS_PATTERN } from "./schemas";

export function trucksVisibleTo(actor: Actor): Prisma.TruckWhereInput {
  return actor.role === "REGULADOR" || actor.role === "ADMINISTRADOR" || actor.role === "OPERADOR_PLANTA" ? {} : { ownerAgentId: actor.agentId };
}

export function assertTruckAdministrator(actor: Actor): void {
  if (actor.role !== "ADMINISTRADOR") {
    throw new ApiProblem(403, "NO_AUTORIZADO", "No autorizado: solo el administrador del Registro inscribe cisternas y cambia sus datos o su estado.");
  }
}

/** Request bodies as the API accepts them: strict JSON types, no unknown properties (as lib/api/schemas.ts). */
export const truckBodySchema = truckSchema
  .extend({
    capacity: z
      .union(
        [
          z.number().positive({ message: "La capacidad debe ser mayor que cero." }).max(20_000, { message: "La capacidad de una cisterna no puede exceder 20,000 galones." }),
          z.string().regex(new RegExp(GALLONS_PATTERN), { message: "La capacidad debe ser un número de galones, por ejemplo 10000 o 10,000.00." }),
        ],
        { error: "La capacidad debe ser un número de galones, por ejemplo 10000." },
      )
      .meta({ description: "Galones: un número JSON o un texto como \"10,000.00\"; como máximo 20,000." }),
    ownerAgentId: z
      .int({ error: "El agente propietario debe ser un número entero (JSON)." })
      .min(1, { message: "Seleccione el agente propietario." })
      .max(2_147_483_647, { message: "Seleccione el agente propietario." }),
  })
  .strict();
export const truckStatusBodySchema = truckStatusSchema.omit({ truckId: true }).strict();

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

export const listTrucksQuerySchema = z.object({
  plate: z.preprocess(blankToUndefined, plateSchema.optional()),
  ownerRuc: z.preprocess(blankToUndefined, z.string().regex(/^\d{11}$/, { message: "El RUC tiene 11 dígitos." }).optional()),
  status: z.preprocess(blankToUndefined, z.enum(REGISTRY_STATUSES, { error: "Estado no válido: use VIGENTE, SUSPENDIDO o CANCELADO." }).optional()),
  limit: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "El límite debe ser un número entero entre 1 y 200." }).int().min(1, { message: "El límite debe ser un número entero entre 1 y 200." }).max(200, { message: "El límite debe ser un número entero entre 1 y 200." }).default(50),
  ),
  /** the id of the last truck of the previous page */
  after: z.preprocess(blankToUndefined, z.coerce.number({ error: "Use el valor nextAfter de la respuesta anterior." }).int().positive().optional()),
});

export const truckIdSchema = z.coerce.number({ error: "Identificador de cisterna no válido." }).int({ message: "Identificador de cisterna no válido." }).positive({ message: "Identificador de cisterna no válido." }).max(2_147_483_647);

const truckInclude = { owner: { select: { id: true, businessName: true, ruc: true } } } as const;
export { truckInclude };

type TruckWithOwner = Prisma.TruckGetPayload<{ include: typeof truckInclude }>;

/** A truck's JSON read through the plain SQL runner (a POST's work, lib/api/idempotency.ts). */
export async function truckJsonBySql(db: SqlStatements, id: number) {
  const [row] = await db.all<Record<string, unknown>>(
    sql`SELECT t.id, t.plate, t.registry_number AS "registryNumber", t.capacity, t.insurance_expires_on AS "insuranceExpiresOn", t.status,
            t.created_at AS "createdAt", t.updated_at AS "updatedAt", a.id AS "ownerId", a.business_name AS "ownerName", a.ruc AS "ownerRuc"
     FROM trucks t JOIN agents a ON a.id = t.owner_agent_id WHERE t.id = ${id}`,
  );
  return truckJson({
    id: Number(row.id),
    plate: String(row.plate),
    registryNumber: String(row.registryNumber),
    ownerAgentId: Number(row.ownerId),
    capacity: Number(row.capacity),
    insuranceExpiresOn: String(row.insuranceExpiresOn),
    status: String(row.status),
    createdAt: fromSqlDate(row.createdAt),
    updatedAt: fromSqlDate(row.updatedAt),
    owner: { id: Number(row.ownerId), businessName: String(row.ownerName), ruc: String(row.ownerRuc) },
  });
}

export function truckJson(truck: TruckWithOwner) {
  return {
    id: truck.id,
    plate: truck.plate,
    registryNumber: truck.registryNumber,
    owner: { id: truck.owner.id, businessName: truck.owner.businessName, ruc: truck.owner.ruc },
    capacity: toDecimalString(truck.capacity),
    insuranceExpiresOn: truck.insuranceExpiresOn,
    status: truck.status,
    createdAt: truck.createdAt.toISOString(),
    updatedAt: truck.updatedAt.toISOString(),
  };
}

const decimal = z.string().regex(/^\d+\.\d{2}$/).meta({ description: "Galones con dos decimales" });

export const truckResponse = z
  .object({
    id: z.int(),
    plate: z.string().meta({ description: "Placa normalizada, p. ej. F1X-710" }),
    registryNumber: z.string(),
    owner: z.object({ id: z.int(), businessName: z.string(), ruc: z.string() }),
    capacity: decimal,
    insuranceExpiresOn: z.string().meta({ format: "date" }),
    status: z.enum(REGISTRY_STATUSES),
    createdAt: z.string().meta({ format: "date-time" }),
    updatedAt: z.string().meta({ format: "date-time" }),
  })
  .meta({ id: "Truck" });

export const truckPageResponse = z.object({ items: z.array(truckResponse), nextAfter: z.int().nullable() });
