/**
 * The registry of cisternas / camiones tanque as the administrator keeps it: list, inscribe, edit
 * and change state (VIGENTE, SUSPENDIDO, CANCELADO), every change audited in the same
 * transaction. A suspension takes effect at once: the sale and the dispatch check the truck inside
 * their own transactions (lib/orders/trucks.ts).
 */
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import type { Database, Tx } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
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

export const describeTruck = (truck: { plate: string; registryNumber: string }) => `cisterna ${truck.plate} (${truck.registryNumber})`;

async function assertValid(tx: Tx, data: TruckData, exceptId?: number) {
  const errors: FieldErrors = {};
  const owner = await tx.agent.findUnique({ where: { id: data.ownerAgentId } });
  if (!owner || !TRUCK_OWNER_TYPES.includes(owner.type as AgentType)) {
    errors.ownerAgentId = ["El propietario debe ser una Planta Envasadora, un Distribuidor a Granel o un Productor / Comercializador inscrito."];
  }
  const sameNumber = await tx.truck.findUnique({ where: { registryNumber: data.registryNumber } });
  if (sameNumber && sameNumber.id !== exceptId) errors.registryNumber = [`Ese número de registro ya pertenece a la cisterna ${sameNumber.plate}.`];
  // A Distribuidor a Granel's own inscription may be its truck's (seed 001): another agent's may not.
  const agentNumber = await tx.agent.findUnique({ where: { registryNumber: data.registryNumber } });
  if (agentNumber && agentNumber.id !== data.ownerAgentId) errors.registryNumber = [`Ese número de registro ya pertenece al agente ${agentNumber.businessName}.`];
  const samePlate = await tx.truck.findFirst({ where: { plate: data.plate, status: { not: "CANCELADO" }, id: exceptId ? { not: exceptId } : undefined } });
  if (samePlate) {
    errors.plate = [`La placa ${data.plate} ya tiene una inscripción ${samePlate.status === "VIGENTE" ? "vigente" : "suspendida"} (Registro N° ${samePlate.registryNumber}); cancélela antes de inscribirla de nuevo.`];
  }
  if (Object.keys(errors).length) throw new DomainError("conflict", "CISTERNA_DUPLICADA", "Revise los datos de la cisterna.", errors);
}

export async function createTruck(db: Database, actor: AuditActor, raw: TruckInput): Promise<{ id: number }> {
  const data = parseInput(truckSchema, raw);
  return db.transaction(async (tx) => {
    await assertValid(tx, data);
    const truck = await tx.truck.create({ data });
    await recordAudit(tx, actor, { action: "TRUCK_CREATED", target: describeTruck(truck), detail: `Propietario: agente ${data.ownerAgentId}` });
    return { id: truck.id };
  });
}

export async function updateTruck(db: Database, actor: AuditActor, id: number, raw: TruckInput): Promise<void> {
  const data = parseInput(truckSchema, raw);
  await db.transaction(async (tx) => {
    const before = await tx.truck.findUnique({ where: { id } });
    if (!before) throw new DomainError("not_found", "CISTERNA_NO_EXISTE", "La cisterna no existe.");
    if (before.status === "CANCELADO") {
      throw new DomainError("rule", "CISTERNA_CANCELADA", "La inscripción de la cisterna está cancelada: sus datos ya no se modifican.");
    }
    await assertValid(tx, data, id);
    if (data.plate !== before.plate || data.ownerAgentId !== before.ownerAgentId) {
      const lots = await tx.lot.count({ where: { OR: [{ truckId: id }, { dispatchedTruckId: id }] } });
      if (lots > 0) {
        throw new DomainError("rule", "CISTERNA_CON_LOTES", "La placa y el propietario de una cisterna que ya transportó lotes no se cambian: cancele su inscripción e inscríbala de nuevo.", {
          plate: ["No se puede cambiar: la cisterna ya transportó lotes."],
        });
      }
    }
    const changed = (Object.keys(data) as (keyof TruckData)[]).filter((key) => data[key] !== before[key]);
    await tx.truck.update({ where: { id }, data });
    await recordAudit(tx, actor, { action: "TRUCK_UPDATED", target: describeTruck(data), detail: changed.length ? `Campos: ${changed.join(", ")}` : "Sin cambios" });
  });
}

const STATUS_ACTION = { VIGENTE: "TRUCK_REINSTATED", SUSPENDIDO: "TRUCK_SUSPENDED", CANCELADO: "TRUCK_CANCELLED" } as const;

/** From which states each state may be reached: cancelled is final (a new inscription is a new row). */
const ALLOWED_FROM: Record<TruckStatus, readonly TruckStatus[]> = {
  VIGENTE: ["SUSPENDIDO"],
  SUSPENDIDO: ["VIGENTE"],
  CANCELADO: ["VIGENTE", "SUSPENDIDO"],
};

export async function changeTruckStatus(db: Database, actor: AuditActor, raw: TruckStatusInput): Promise<void> {
  const input = parseInput(truckStatusSchema, raw);
  await db.transaction(async (tx) => {
    const truck = await tx.truck.findUnique({ where: { id: input.truckId } });
    if (!truck) throw new DomainError("not_found", "CISTERNA_NO_EXISTE", "La cisterna no existe.");
    if (!ALLOWED_FROM[input.status].includes(truck.status as TruckStatus)) {
      const message =
        truck.status === "CANCELADO"
          ? "La inscripción de la cisterna está cancelada: no cambia de estado. Para volver a operar, inscríbala de nuevo."
          : `La cisterna ya está ${truck.status}.`;
      throw new DomainError("conflict", "CAMBIO_DE_ESTADO_NO_PERMITIDO", message, { status: [message] });
    }
    const updated = await tx.truck.updateMany({ where: { id: truck.id, status: truck.status }, data: { status: input.status } });
    if (updated.count !== 1) throw new DomainError("conflict", "CISTERNA_MODIFICADA", "La cisterna cambió mientras se procesaba: consulte su estado actual.");
    await recordAudit(tx, actor, { action: STATUS_ACTION[input.status], target: describeTruck(truck), detail: input.reason });
  });
}

/** Changes of the truck's inscription (who, when, why), from the audit log. */
export function truckHistory(tx: Tx, truck: { plate: string; registryNumber: string }) {
  return tx.auditEvent.findMany({
    where: { action: { in: ["TRUCK_CREATED", "TRUCK_UPDATED", "TRUCK_SUSPENDED", "TRUCK_REINSTATED", "TRUCK_CANCELLED"] }, target: describeTruck(truck) },
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
