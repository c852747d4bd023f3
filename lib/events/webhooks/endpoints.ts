/**
 * An agent's webhook endpoints, as the "Webhooks" screen and the API v1 manage them: register
 * (the URL passes the address guard; the secret is shown once), change, rotate the secret
 * (the old one keeps signing beside the new one for 24 hours), enable or disable, delete; and the
 * delivery log with "Reenviar". Every function acts for the actor's own agent: another agent's
 * endpoint or delivery is "not found".
 */
import type { Database } from "@/lib/db/database";
import { DomainError } from "@/lib/errors";
import type { Actor } from "@/lib/orders/context";
import { parseInput, z } from "@/lib/validation";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_ROLES, type WebhookEventType } from "../catalog";
import { parseWebhookUrl, resolveAllowed, systemResolver, type Resolver } from "./address-guard";
import { WORKER_NAME, recordOutcomes, send, succeeded, type ClaimedDelivery, type DeliveryOutcome } from "./deliver";
import { newSigningSecret, sealSecret } from "./secrets";

export const MAX_ENDPOINTS_PER_AGENT = 10;
export const DELIVERIES_PAGE_SIZE = 25;
/** How long the secret before a rotation keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

const eventTypesField = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: "Tipo de evento desconocido." }), { error: "Elija al menos un tipo de evento." })
  .min(1, { message: "Elija al menos un tipo de evento." })
  .transform((types) => [...new Set(types)]);

const urlField = z.string({ error: "Ingrese la URL del endpoint." }).trim().min(1, { message: "Ingrese la URL del endpoint." });
const descriptionField = z
  .string()
  .trim()
  .max(200, { message: "La descripción admite como máximo 200 caracteres." })
  .optional()
  .transform((value) => value || null);

export const createEndpointSchema = z.object({ url: urlField, description: descriptionField, eventTypes: eventTypesField });
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const updateEndpointSchema = z.object({
  url: urlField.optional(),
  description: descriptionField,
  eventTypes: eventTypesField.optional(),
  enabled: z.boolean({ error: "enabled debe ser verdadero o falso." }).optional(),
});
export type UpdateEndpointInput = z.input<typeof updateEndpointSchema>;

export interface EndpointView {
  id: number;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** a previous secret still signs until then */
  previousSecretExpiresAt: Date | null;
}

interface EndpointRow {
  id: number;
  agentId: number;
  url: string;
  description: string | null;
  eventTypes: string;
  enabled: boolean;
  disabledAt: Date | null;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
  previousSecretExpiresAt: Date | null;
}

function view(row: EndpointRow, now = new Date()): EndpointView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes.split(",").filter(Boolean) as WebhookEventType[],
    enabled: row.enabled,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    previousSecretExpiresAt: row.previousSecretExpiresAt && row.previousSecretExpiresAt > now ? row.previousSecretExpiresAt : null,
  };
}

export interface EndpointOptions {
  resolve?: Resolver;
  now?: () => Date;
}

function assertMayKeepEndpoints(actor: Actor): void {
  if (!WEBHOOK_ROLES.includes(actor.role)) {
    throw new DomainError("forbidden", "NO_AUTORIZADO", "No autorizado: los webhooks son de los agentes que compran, venden o despachan.");
  }
}

const notFound = () => new DomainError("not_found", "WEBHOOK_NO_ENCONTRADO", "No existe ese webhook entre los de su agente.");

/** The URL as it will be stored, after the address guard. */
async function checkedUrl(raw: string, resolve: Resolver): Promise<string> {
  const url = parseWebhookUrl(raw);
  await resolveAllowed(url, resolve);
  return url.toString();
}

async function ownEndpoint(db: Database, actor: Actor, id: number): Promise<EndpointRow> {
  assertMayKeepEndpoints(actor);
  const row = Number.isSafeInteger(id) ? await db.prisma.webhookEndpoint.findUnique({ where: { id } }) : null;
  if (!row || row.agentId !== actor.agentId) throw notFound();
  return row;
}

export async function createEndpoint(db: Database, actor: Actor, raw: CreateEndpointInput, options: EndpointOptions = {}): Promise<{ endpoint: EndpointView; secret: string }> {
  assertMayKeepEndpoints(actor);
  const input = parseInput(createEndpointSchema, raw);
  const url = await checkedUrl(input.url, options.resolve ?? systemResolver);
  const secret = newSigningSecret();
  const now = options.now?.() ?? new Date();
  const row = await db.transaction(async (tx) => {
    if ((await tx.webhookEndpoint.count({ where: { agentId: actor.agentId } })) >= MAX_ENDPOINTS_PER_AGENT) {
      throw new DomainError("rule", "DEMASIADOS_WEBHOOKS", `Su agente ya tiene ${MAX_ENDPOINTS_PER_AGENT} webhooks: elimine uno antes de registrar otro.`);
    }
    return tx.webhookEndpoint.create({
      data: {
        agentId: actor.agentId,
        createdByUserId: actor.userId,
        url,
        description: input.description,
        eventTypes: input.eventTypes.join(","),
        secret: sealSecret(secret),
        createdAt: now,
        updatedAt: now,
      },
    });
  });
  return { endpoint: view(row, now), secret };
}

export async function updateEndpoint(db: Database, actor: Actor, id: number, raw: UpdateEndpointInput, options: EndpointOptions = {}): Promise<EndpointView> {
  const before = await ownEndpoint(db, actor, id);
  const input = parseInput(updateEndpointSchema, raw);
  const url = input.url !== undefined ? await checkedUrl(input.url, options.resolve ?? systemResolver) : undefined;
  const now = options.now?.() ?? new Date();
  const enabling = input.enabled === true && !before.enabled;
  const row = await db.prisma.webhookEndpoint.update({
    where: { id: before.id },
    data: {
      ...(url !== undefined ? { url } : {}),
      ...("description" in (raw ?? {}) ? { description: input.description } : {}),
      ...(input.eventTypes ? { eventTypes: input.eventTypes.join(",") } : {}),
      ...(input.enabled === false && before.enabled ? { enabled: false, disabledAt: now, disabledReason: "Deshabilitado por el agente." } : {}),
      // Enabled again: its pending deliveries resume, and the failure clock starts anew.
      ...(enabling ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null } : {}),
      updatedAt: now,
    },
  });
  return view(row, now);
}

/** A new secret, shown once; the old one keeps signing beside it for 24 hours. */
export async function rotateSecret(db: Database, actor: Actor, id: number, options: EndpointOptions = {}): Promise<{ secret: string; previousSecretExpiresAt: Date }> {
  const before = await ownEndpoint(db, actor, id);
  const secret = newSigningSecret();
  const now = options.now?.() ?? new Date();
  const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  const current = await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: before.id }, select: { secret: true } });
  await db.prisma.webhookEndpoint.update({
    where: { id: before.id },
    data: { secret: sealSecret(secret), previousSecret: current.secret, previousSecretExpiresAt, updatedAt: now },
  });
  return { secret, previousSecretExpiresAt };
}

export async function deleteEndpoint(db: Database, actor: Actor, id: number): Promise<void> {
  const before = await ownEndpoint(db, actor, id);
  await db.prisma.webhookEndpoint.delete({ where: { id: before.id } });
}

export async function getEndpoint(db: Database, actor: Actor, id: number): Promise<EndpointView> {
  return view(await ownEndpoint(db, actor, id));
}

export async function listEndpoints(db: Database, actor: Actor): Promise<(EndpointView & { pending: number; failed: number })[]> {
  assertMayKeepEndpoints(actor);
  const rows = await db.prisma.webhookEndpoint.findMany({ where: { agentId: actor.agentId }, orderBy: { id: "asc" } });
  const counts = await db.prisma.webhookDelivery.groupBy({
    by: ["endpointId", "status"],
    where: { endpointId: { in: rows.map((row) => row.id) }, status: { in: ["PENDIENTE", "FALLIDO"] } },
    _count: { _all: true },
  });
  const count = (endpointId: number, status: string) => counts.find((c) => c.endpointId === endpointId && c.status === status)?._count._all ?? 0;
  return rows.map((row) => ({ ...view(row), pending: count(row.id, "PENDIENTE"), failed: count(row.id, "FALLIDO") }));
}

export interface DeliveryView {
  id: number;
  eventId: number;
  messageId: string;
  type: string;
  orderCode: string | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
  attemptLog: { at: Date; statusCode: number | null; latencyMs: number; error: string | null; manual: boolean }[];
}

/** The delivery log of one endpoint, newest first, a page at a time (or after a cursor, for the API). */
export async function listDeliveries(
  db: Database,
  actor: Actor,
  endpointId: number,
  { page = 1, status, beforeId, limit = DELIVERIES_PAGE_SIZE }: { page?: number; status?: string; beforeId?: number; limit?: number } = {},
): Promise<{ total: number; deliveries: DeliveryView[] }> {
  const endpoint = await ownEndpoint(db, actor, endpointId);
  const where = { endpointId: endpoint.id, ...(status ? { status } : {}), ...(beforeId ? { id: { lt: beforeId } } : {}) };
  const [total, rows] = await Promise.all([
    db.prisma.webhookDelivery.count({ where }),
    db.prisma.webhookDelivery.findMany({
      where,
      orderBy: { id: "desc" },
      skip: beforeId ? 0 : (page - 1) * limit,
      take: limit,
      include: { attemptLog: { orderBy: { id: "desc" }, take: 10 } },
    }),
  ]);
  return {
    total,
    deliveries: rows.map((row) => ({
      id: row.id,
      eventId: row.eventId,
      messageId: `msg_${row.eventId}`,
      type: row.type,
      orderCode: row.orderCode,
      status: row.status,
      attempts: row.attempts,
      lastStatusCode: row.lastStatusCode,
      lastLatencyMs: row.lastLatencyMs,
      lastError: row.lastError,
      nextAttemptAt: row.nextAttemptAt,
      deliveredAt: row.deliveredAt,
      createdAt: row.createdAt,
      attemptLog: row.attemptLog.map((attempt) => ({
        at: attempt.at,
        statusCode: attempt.statusCode,
        latencyMs: attempt.latencyMs,
        error: attempt.error,
        manual: attempt.manual,
      })),
    })),
  };
}

/**
 * "Reenviar": sends one delivery again now, with the same webhook-id and body (the receiver
 * deduplicates by it), whatever its status, and records the attempt in the log.
 */
export async function resendDelivery(
  db: Database,
  actor: Actor,
  endpointId: number,
  deliveryId: number,
  options: EndpointOptions = {},
): Promise<{ delivered: boolean; statusCode: number | null; latencyMs: number; error: string | null }> {
  const endpoint = await ownEndpoint(db, actor, endpointId);
  const row = Number.isSafeInteger(deliveryId)
    ? await db.prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } })
    : null;
  if (!row || row.endpointId !== endpoint.id) throw new DomainError("not_found", "ENTREGA_NO_ENCONTRADA", "No existe esa entrega en este webhook.");
  const now = options.now ?? (() => new Date());
  const delivery: ClaimedDelivery = {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    payload: row.payload,
    attempts: row.attempts,
    createdAt: row.createdAt,
    lockedUntil: now(),
    url: row.endpoint.url,
    agentId: row.endpoint.agentId,
    secret: row.endpoint.secret,
    previousSecret: row.endpoint.previousSecret,
    previousSecretExpiresAt: row.endpoint.previousSecretExpiresAt,
  };
  await db.prisma.webhookDelivery.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
  const outcome: DeliveryOutcome = await send(delivery, now(), options.resolve ?? systemResolver, true);
  await recordOutcomes({ db, now, worker: WORKER_NAME }, [outcome]);
  return { delivered: succeeded(outcome), statusCode: outcome.statusCode, latencyMs: outcome.latencyMs, error: succeeded(outcome) ? null : outcome.error ?? `HTTP ${outcome.statusCode}` };
}
