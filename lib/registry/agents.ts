/**
 * The Registro de Hidrocarburos as the administrator keeps it: list, inscribe, edit, suspend and
 * reinstate agents. Every change is audited in the same transaction, and a suspension or
 * reinstatement also writes its outbox event there (the agent's webhooks). A suspension takes
 * effect at once: the order services check registryStatus inside their own transactions
 * (lib/orders/rules).
 */
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import type { Database, Tx } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import { DomainError, type FieldErrors } from "@/lib/errors";
import { recordEventWithPrisma } from "@/lib/events/outbox";
import { OPEN_STATES } from "@/lib/orders/states";
import { parseInput } from "@/lib/validation";
import { AGENT_TYPES, REGISTRY_STATUSES, isBuyerType, isSellerType, type AgentType, type RegistryStatus } from "./agent-types";
import { agentSchema, reasonSchema, type AgentData, type AgentInput, type ReasonInput } from "./agent-schema";

export const AGENTS_PAGE_SIZE = 25;

export interface AgentFilter {
  q?: string;
  type?: AgentType;
  status?: RegistryStatus;
  department?: string;
  page: number;
}

export function parseAgentFilter(params: Record<string, string>): AgentFilter {
  const page = Math.max(1, Math.min(10_000, Number.parseInt(params.page ?? "1", 10) || 1));
  return {
    q: params.q?.trim().slice(0, 100) || undefined,
    type: (AGENT_TYPES as readonly string[]).includes(params.type ?? "") ? (params.type as AgentType) : undefined,
    status: (REGISTRY_STATUSES as readonly string[]).includes(params.status ?? "") ? (params.status as RegistryStatus) : undefined,
    department: params.department?.trim() || undefined,
    page,
  };
}

export async function listAgents(tx: Tx, engine: Engine, filter: AgentFilter) {
  const where = {
    ...(filter.q
      ? { OR: [{ businessName: containsIgnoringCase(engine, filter.q) }, { ruc: { contains: filter.q } }, { registryNumber: { contains: filter.q } }] }
      : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.status ? { registryStatus: filter.status } : {}),
    ...(filter.department ? { department: filter.department } : {}),
  };
  const [total, agents] = await Promise.all([
    tx.agent.count({ where }),
    tx.agent.findMany({ where, orderBy: [{ businessName: "asc" }, { id: "asc" }], skip: (filter.page - 1) * AGENTS_PAGE_SIZE, take: AGENTS_PAGE_SIZE }),
  ]);
  return { total, agents };
}

/** Sellers that may cede tanks in use (for the form's select). */
export function listSellers(tx: Tx) {
  return tx.agent.findMany({
    where: { type: { in: ["PLANTA_ENVASADORA", "DISTRIBUIDOR_A_GRANEL", "COMERCIALIZADOR"] } },
    orderBy: { businessName: "asc" },
    select: { id: true, businessName: true, ruc: true },
  });
}

const describe = (agent: { businessName: string; registryNumber: string }) => `agente ${agent.registryNumber} (${agent.businessName})`;

async function assertUnique(tx: Tx, data: AgentData, exceptId?: number) {
  const errors: FieldErrors = {};
  const sameRuc = await tx.agent.findUnique({ where: { ruc: data.ruc } });
  if (sameRuc && sameRuc.id !== exceptId) errors.ruc = [`Ya está inscrito un agente con ese RUC: ${sameRuc.businessName}.`];
  const sameNumber = await tx.agent.findUnique({ where: { registryNumber: data.registryNumber } });
  if (sameNumber && sameNumber.id !== exceptId) errors.registryNumber = [`Ese número de registro ya pertenece a ${sameNumber.businessName}.`];
  if (Object.keys(errors).length) throw new DomainError("conflict", "AGENTE_DUPLICADO", "Revise los datos: el agente ya está inscrito.", errors);
}

async function assertCededSeller(tx: Tx, sellerId: number | null, selfId?: number) {
  if (sellerId === null) return;
  const seller = await tx.agent.findUnique({ where: { id: sellerId } });
  if (!seller || !isSellerType(seller.type) || seller.id === selfId) {
    throw new DomainError("invalid", "PROVEEDOR_NO_VALIDO", "El proveedor de tanques cedidos debe ser un agente vendedor inscrito.", {
      cededBySellerId: ["Seleccione un agente vendedor."],
    });
  }
}

export async function createAgent(db: Database, actor: AuditActor, raw: AgentInput): Promise<{ id: number }> {
  const data = parseInput(agentSchema, raw);
  return db.transaction(async (tx) => {
    await assertUnique(tx, data);
    await assertCededSeller(tx, data.cededBySellerId);
    const agent = await tx.agent.create({ data });
    await recordAudit(tx, actor, { action: "AGENT_CREATED", target: describe(agent) });
    return { id: agent.id };
  });
}

export async function updateAgent(db: Database, actor: AuditActor, id: number, raw: AgentInput): Promise<void> {
  const data = parseInput(agentSchema, raw);
  await db.transaction(async (tx) => {
    const before = await tx.agent.findUnique({ where: { id } });
    if (!before) throw new DomainError("not_found", "AGENTE_NO_EXISTE", "El agente no existe.");
    await assertUnique(tx, data, id);
    await assertCededSeller(tx, data.cededBySellerId, id);
    if (before.type !== data.type) {
      const users = await tx.user.count({ where: { agentId: id } });
      const orders = await tx.order.count({ where: { OR: [{ buyerId: id }, { sellerId: id }, { plantId: id }] } });
      if (users > 0 || orders > 0) {
        throw new DomainError("rule", "TIPO_NO_MODIFICABLE", "No se puede cambiar el tipo de un agente que ya tiene usuarios u órdenes.", {
          type: ["El tipo no se puede cambiar: el agente ya tiene usuarios u órdenes."],
        });
      }
    }
    if (data.storageCapacity < before.committedVolume && isBuyerType(data.type)) {
      throw new DomainError("rule", "CAPACIDAD_MENOR", "La capacidad no puede ser menor que el volumen de sus órdenes abiertas.", {
        storageCapacity: ["La capacidad no puede ser menor que el volumen de sus órdenes abiertas."],
      });
    }
    const changed = (Object.keys(data) as (keyof AgentData)[]).filter((key) => data[key] !== before[key]);
    await tx.agent.update({ where: { id }, data });
    await recordAudit(tx, actor, { action: "AGENT_UPDATED", target: describe(data), detail: changed.length ? `Campos: ${changed.join(", ")}` : "Sin cambios" });
  });
}

/** Suspends the inscription: from this moment the agent can neither buy nor sell. */
export async function suspendAgent(db: Database, actor: AuditActor, raw: ReasonInput) {
  const input = parseInput(reasonSchema, raw);
  return db.transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: input.agentId } });
    if (!agent) throw new DomainError("not_found", "AGENTE_NO_EXISTE", "El agente no existe.");
    if (agent.type === "OSINERGMIN") throw new DomainError("rule", "NO_SUSPENDIBLE", "La entidad fiscalizadora no se suspende.");
    const updated = await tx.agent.updateMany({ where: { id: agent.id, registryStatus: "VIGENTE" }, data: { registryStatus: "SUSPENDIDO" } });
    if (updated.count === 0) throw new DomainError("conflict", "NO_VIGENTE", "Solo se puede suspender una inscripción vigente.");
    await recordAudit(tx, actor, { action: "AGENT_SUSPENDED", target: describe(agent), detail: input.reason });
    await recordEventWithPrisma(tx, { type: "agente.suspendido", agentId: agent.id, occurredAt: new Date(), data: { reason: input.reason } });
    return { openOrders: await openOrdersOf(tx, agent.id) };
  });
}

export async function reinstateAgent(db: Database, actor: AuditActor, raw: ReasonInput): Promise<void> {
  const input = parseInput(reasonSchema, raw);
  await db.transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: input.agentId } });
    if (!agent) throw new DomainError("not_found", "AGENTE_NO_EXISTE", "El agente no existe.");
    const updated = await tx.agent.updateMany({ where: { id: agent.id, registryStatus: "SUSPENDIDO" }, data: { registryStatus: "VIGENTE" } });
    if (updated.count === 0) throw new DomainError("conflict", "NO_SUSPENDIDO", "Solo se puede rehabilitar una inscripción suspendida.");
    await recordAudit(tx, actor, { action: "AGENT_REINSTATED", target: describe(agent), detail: input.reason });
    await recordEventWithPrisma(tx, { type: "agente.rehabilitado", agentId: agent.id, occurredAt: new Date(), data: { reason: input.reason } });
  });
}

/** The agent's orders still open (as buyer, seller or plant), newest first. */
export function openOrdersOf(tx: Tx, agentId: number) {
  return tx.order.findMany({
    where: { state: { in: [...OPEN_STATES] }, OR: [{ buyerId: agentId }, { sellerId: agentId }, { plantId: agentId }] },
    orderBy: { requestedAt: "desc" },
    include: { buyer: { select: { businessName: true } }, seller: { select: { businessName: true } } },
    take: 200,
  });
}

/** Suspensions and reinstatements of one agent (who, when, why), from the audit log. */
export function registryHistory(tx: Tx, agent: { registryNumber: string }) {
  return tx.auditEvent.findMany({
    where: { action: { in: ["AGENT_SUSPENDED", "AGENT_REINSTATED", "AGENT_CREATED", "AGENT_UPDATED"] }, target: { startsWith: `agente ${agent.registryNumber} ` } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: 50,
  });
}
