/**
 * The registry of cisternas / camiones tanque as the administrator keeps it: list, inscribe, edit
 * and change state (VIGENTE, SUSPENDIDO, CANCELADO), every change audited in the same
 * transaction. A suspension takes effect at once: the sale and the dispatch check the truck inside
 * their own transactions (lib/orders/trucks.ts).
 */
import { recordAuditSql, type AuditActor } from "@/lib/audit/audit";
import type { Database, Tx } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import { DomainError, type FieldErrors } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { endOfLimaDay, startOfLimaDay, type LimaDay } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import { AGENT_TYPE_LABELS, REGISTRY_STATUSES, type AgentType, type RegistryStatus } from "./agent-types";
import { normalizePlate } from "./plate";
import { truckSchema, truckStatusSchema, type TruckData, type TruckInput, type TruckStatus, type TruckStatusInput } from "./truck-schema";

export const TRUCKS_PAGE_SIZE = 25;

/** Who may inscribe tank trucks: the agents that sell or collect bulk LPG with their own trucks. */
export const TRUCK_OWNER_TYPES: readonly AgentType[] = ["PLANTA_ENVASADORA", "DISTRIBUIDOR_A_GRANEL", "COMERCIALIZADOR"];

export interface TruckFilter {
  q?: string;
  status?: RegistryStatus;
  ownerAgentId?: number;
  page: number;
}

export function parseTruckFilter(params: Record<string, string | undefined>): TruckFilter {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.page ?? "1", 10) || 1));
  const owner = Number.parseInt(params.owner ?? "", 10);
  return {
    q: params.q?.trim().slice(0, 100) || undefined,
    status: (REGISTRY_STATUSES as readonly string[]).includes(params.status ?? "") ? (params.status as RegistryStatus) : undefined,
    ownerAgentId: Number.isSafeInteger(owner) && owner > 0 ? owner : undefined,
    page,
  };
}

const ownerSelect = { select: { id: true, businessName: true, ruc: true, registryNumber: true, type: true, registryStatus: true } } as const;

export function truckWhere(engine: Engine, filter: Omit<TruckFilter, "page">): Prisma.TruckWhereInput {
  const plate = filter.q ? normalizePlate(filter.q) : null;
  return {
    ...(filter.q
      ? {
          OR: [
            { plate: plate ?? containsIgnoringCase(engine, filter.q.toUpperCase()) },
            { registryNumber: { contains: filter.q } },
            { owner: { OR: [{ businessName: containsIgnoringCase(engine, filter.q) }, { ruc: filter.q }] } },
          ],
        }
      : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.ownerAgentId ? { ownerAgentId: filter.ownerAgentId } : {}),
  };
}

export async function listTrucks(tx: Tx, engine: Engine, filter: TruckFilter) {
  const where = truckWhere(engine, filter);
  const [total, trucks] = await Promise.all([
    tx.truck.count({ where }),
    tx.truck.findMany({
      where,
      include: { owner: ownerSelect },
      orderBy: [{ plate: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * TRUCKS_PAGE_SIZE,
      take: TRUCKS_PAGE_SIZE,
    }),
  ]);
  return { total, trucks };
}

export function findTruck(tx: Tx, id: number) {
  return tx.truck.findUnique({ where: { id }, include: { owner: ownerSelect } });
}

/** The agents that may own trucks (the form's select). */
export function listTruckOwners(tx: Tx) {
  return tx.agent.findMany({
    where: { type: { in: [...TRUCK_OWNER_TYPES] } },
    orderBy: { businessName: "asc" },
    select: { id: true, businessName: true, ruc: true, type: true },
  });
}

/** The audit target of a truck: readable, and ending in its id so its history survives edits of plate or number. */
export const describeTruck = (truck: { id: number; plate: string; registryNumber: string }) => `cisterna ${truck.plate} (${truck.registryNumber}) [id ${truck.id}]`;

interface TruckRow {
  id: number;
  plate: string;
  registryNumber: string;
  ownerAgentId: number;
  capacity: number;
  insuranceExpiresOn: string;
  status: string;
}

const TRUCK_COLUMNS = sql.raw(`id, plate, registry_number AS "registryNumber", owner_agent_id AS "ownerAgentId", capacity, insurance_expires_on AS "insuranceExpiresOn", status`);

async function truckRow(tx: SqlStatements, where: Sql): Promise<TruckRow | null> {
  const [row] = await tx.all<TruckRow>(sql`SELECT ${TRUCK_COLUMNS} FROM trucks WHERE ${where}`);
  return row ? { ...row, id: Number(row.id), ownerAgentId: Number(row.ownerAgentId), capacity: Number(row.capacity) } : null;
}

/*
 * The writes run on the plain SQL runner (lib/db/sql.ts), not Prisma: an API POST with an
 * Idempotency-Key runs its work inside the transaction that stores its answer (lib/api/idempotency.ts),
 * which only the runner can join. The screens call the same functions.
 */

async function assertValid(tx: SqlStatements, data: TruckData, exceptId?: number) {
  const errors: FieldErrors = {};
  const [owner] = await tx.all<{ type: string }>(sql`SELECT type FROM agents WHERE id = ${data.ownerAgentId}`);
  if (!owner || !TRUCK_OWNER_TYPES.includes(owner.type as AgentType)) {
    errors.ownerAgentId = ["El propietario debe ser una Planta Envasadora, un Distribuidor a Granel o un Productor / Comercializador inscrito."];
  }
  const sameNumber = await truckRow(tx, sql`registry_number = ${data.registryNumber}`);
  if (sameNumber && sameNumber.id !== exceptId) errors.registryNumber = [`Ese número de registro ya pertenece a la cisterna ${sameNumber.plate}.`];
  // A Distribuidor a Granel's own inscription may be its truck's (seed 001): another agent's may not.
  const [agentNumber] = await tx.all<{ id: number; businessName: string }>(
    sql`SELECT id, business_name AS "businessName" FROM agents WHERE registry_number = ${data.registryNumber}`,
  );
  if (agentNumber && Number(agentNumber.id) !== data.ownerAgentId) errors.registryNumber = [`Ese número de registro ya pertenece al agente ${agentNumber.businessName}.`];
  const samePlate = await truckRow(tx, sql`plate = ${data.plate} AND status <> 'CANCELADO' AND id <> ${exceptId ?? 0}`);
  if (samePlate) {
    errors.plate = [`La placa ${data.plate} ya tiene una inscripción ${samePlate.status === "VIGENTE" ? "vigente" : "suspendida"} (Registro N° ${samePlate.registryNumber}); cancélela antes de inscribirla de nuevo.`];
  }
  if (Object.keys(errors).length) throw new DomainError("conflict", "CISTERNA_DUPLICADA", "Revise los datos de la cisterna.", errors);
}

export async function createTruck(db: Pick<Database, "sql">, actor: AuditActor, raw: TruckInput): Promise<{ id: number }> {
  const data = parseInput(truckSchema, raw);
  return db.sql.transaction(async (tx) => {
    await assertValid(tx, data);
    const now = new Date();
    const [created] = await tx.all<{ id: number }>(
      sql`INSERT INTO trucks (plate, registry_number, owner_agent_id, capacity, insurance_expires_on, status, created_at, updated_at)
          VALUES (${data.plate}, ${data.registryNumber}, ${data.ownerAgentId}, ${data.capacity}, ${data.insuranceExpiresOn}, 'VIGENTE', ${now}, ${now}) RETURNING id`,
    );
    const id = Number(created.id);
    await recordAuditSql(tx, actor, { action: "TRUCK_CREATED", target: describeTruck({ ...data, id }), detail: `Propietario: agente ${data.ownerAgentId}` }, now);
    return { id };
  });
}

export async function updateTruck(db: Pick<Database, "sql">, actor: AuditActor, id: number, raw: TruckInput): Promise<void> {
  const data = parseInput(truckSchema, raw);
  await db.sql.transaction(async (tx) => {
    const before = await truckRow(tx, sql`id = ${id}`);
    if (!before) throw new DomainError("not_found", "CISTERNA_NO_EXISTE", "La cisterna no existe.");
    if (before.status === "CANCELADO") {
      throw new DomainError("rule", "CISTERNA_CANCELADA", "La inscripción de la cisterna está cancelada: sus datos ya no se modifican.");
    }
    await assertValid(tx, data, id);
    if (data.plate !== before.plate || data.ownerAgentId !== before.ownerAgentId) {
      const [used] = await tx.all(sql`SELECT 1 AS used FROM lots WHERE truck_id = ${id} OR dispatched_truck_id = ${id} LIMIT 1`);
      if (used) {
        throw new DomainError("rule", "CISTERNA_CON_LOTES", "La placa y el propietario de una cisterna que ya transportó lotes no se cambian: cancele su inscripción e inscríbala de nuevo.", {
          plate: ["No se puede cambiar: la cisterna ya transportó lotes."],
        });
      }
    }
    const changed = (Object.keys(data) as (keyof TruckData)[]).filter((key) => data[key] !== before[key]);
    const now = new Date();
    await tx.run(
      sql`UPDATE trucks SET plate = ${data.plate}, registry_number = ${data.registryNumber}, owner_agent_id = ${data.ownerAgentId}, capacity = ${data.capacity},
          insurance_expires_on = ${data.insuranceExpiresOn}, updated_at = ${now} WHERE id = ${id}`,
    );
    await recordAuditSql(tx, actor, { action: "TRUCK_UPDATED", target: describeTruck({ ...data, id }), detail: changed.length ? `Campos: ${changed.join(", ")}` : "Sin cambios" }, now);
  });
}

const STATUS_ACTION = { VIGENTE: "TRUCK_REINSTATED", SUSPENDIDO: "TRUCK_SUSPENDED", CANCELADO: "TRUCK_CANCELLED" } as const;

/** From which states each state may be reached: cancelled is final (a new inscription is a new row). */
const ALLOWED_FROM: Record<TruckStatus, readonly TruckStatus[]> = {
  VIGENTE: ["SUSPENDIDO"],
  SUSPENDIDO: ["VIGENTE"],
  CANCELADO: ["VIGENTE", "SUSPENDIDO"],
};

export async function changeTruckStatus(db: Pick<Database, "sql">, actor: AuditActor, raw: TruckStatusInput): Promise<void> {
  const input = parseInput(truckStatusSchema, raw);
  await db.sql.transaction(async (tx) => {
    const truck = await truckRow(tx, sql`id = ${input.truckId}`);
    if (!truck) throw new DomainError("not_found", "CISTERNA_NO_EXISTE", "La cisterna no existe.");
    if (!ALLOWED_FROM[input.status].includes(truck.status as TruckStatus)) {
      const message =
        truck.status === "CANCELADO"
          ? "La inscripción de la cisterna está cancelada: no cambia de estado. Para volver a operar, inscríbala de nuevo."
          : `La cisterna ya está ${truck.status}.`;
      throw new DomainError("conflict", "CAMBIO_DE_ESTADO_NO_PERMITIDO", message, { status: [message] });
    }
    const now = new Date();
    const updated = await tx.run(sql`UPDATE trucks SET status = ${input.status}, updated_at = ${now} WHERE id = ${truck.id} AND status = ${truck.status}`);
    if (updated !== 1) throw new DomainError("conflict", "CISTERNA_MODIFICADA", "La cisterna cambió mientras se procesaba: consulte su estado actual.");
    await recordAuditSql(tx, actor, { action: STATUS_ACTION[input.status], target: describeTruck(truck), detail: input.reason }, now);
  });
}

/** Changes of the truck's inscription (who, when, why), from the audit log. */
export function truckHistory(tx: Tx, truck: { id: number }) {
  return tx.auditEvent.findMany({
    where: { action: { in: ["TRUCK_CREATED", "TRUCK_UPDATED", "TRUCK_SUSPENDED", "TRUCK_REINSTATED", "TRUCK_CANCELLED"] }, target: { endsWith: ` [id ${truck.id}]` } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 50,
  });
}

export const TRUCK_LOTS_LIMIT = 1_000;

/**
 * Every lot the truck carried — sold on it, or dispatched on it in its place — whose order was
 * sold in the period (Lima days), newest first; at most TRUCK_LOTS_LIMIT.
 */
export function truckLots(tx: Tx, truckId: number, period: { from: LimaDay; to: LimaDay }) {
  return tx.lot.findMany({
    where: {
      OR: [{ truckId }, { dispatchedTruckId: truckId }],
      order: { soldAt: { gte: startOfLimaDay(period.from), lt: endOfLimaDay(period.to) } },
    },
    include: {
      order: {
        select: {
          code: true,
          state: true,
          flow: true,
          soldAt: true,
          legacyImportId: true,
          buyer: { select: { businessName: true, ruc: true } },
          seller: { select: { businessName: true } },
        },
      },
    },
    orderBy: [{ order: { soldAt: "desc" } }, { id: "desc" }],
    take: TRUCK_LOTS_LIMIT + 1,
  });
}

/**
 * The trucks that may carry an order's lots (the sale form's typeahead and the dispatch form):
 * those of `owners`, not cancelled, by plate. Suspended ones and those with expired insurance
 * are listed too, so the seller sees why one cannot be chosen.
 */
export function trucksOfOwners(tx: Tx, owners: number[]) {
  return tx.truck.findMany({
    where: { ownerAgentId: { in: owners }, status: { not: "CANCELADO" } },
    include: { owner: { select: { businessName: true } } },
    orderBy: [{ plate: "asc" }],
    take: 2_000,
  });
}

export const ownerLabel = (owner: { businessName: string; type: string }) => `${owner.businessName} — ${AGENT_TYPE_LABELS[owner.type as AgentType] ?? owner.type}`;
