/**
 * The worker's webhook stage: claim due deliveries, POST them signed, record each attempt.
 *
 * - At least once: a delivery is claimed with a lease (locked_until) in a short transaction, sent
 *   outside any transaction, and marked ENTREGADO only after a 2xx. A worker that dies mid-flight
 *   loses its lease and another (or itself, restarted) sends the same bytes again under the same
 *   webhook-id, which is how receivers deduplicate.
 * - In order per order: a delivery is only claimed when no earlier delivery of the same endpoint
 *   and ordering key (the order, or the agent) is still pending.
 * - Several instances: the claim takes rows FOR UPDATE SKIP LOCKED on PostgreSQL, so two workers
 *   never take the same delivery while its lease runs.
 * - Retries with exponential backoff (×4 from SCOP_WEBHOOK_RETRY_BASE_SECONDS, at most 4 hours
 *   apart) for 24 hours, then FALLIDO; an endpoint with no success for days is disabled and its
 *   agent's users are notified (an outbox event, in the same transaction).
 */
import { hostname } from "node:os";
import { claimRows, fromSqlDate, sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import { isDomainError } from "@/lib/errors";
import { recordEvent } from "../outbox";
import type { WorkerContext } from "../fan-out";
import { eventSettings } from "../settings";
import { allForIds, runForIds } from "../sql-lists";
import { resolveAllowed, systemResolver, type Resolver } from "./address-guard";
import { postWebhook, type PostOutcome } from "./http-post";
import { openSecret } from "./secrets";
import { webhookHeaders } from "./signing";

export const WORKER_NAME = `${hostname()}:${process.pid}`;

export interface ClaimedDelivery {
  id: number;
  endpointId: number;
  eventId: number;
  payload: string;
  attempts: number;
  createdAt: Date;
  lockedUntil: Date;
  url: string;
  agentId: number;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface DeliveryOutcome extends PostOutcome {
  delivery: ClaimedDelivery;
  at: Date;
  manual: boolean;
}

/** Standard Webhooks' webhook-id: the same for every attempt and every endpoint of one event. */
export const messageId = (eventId: number) => `msg_${eventId}`;

const MAX_DELAY_MS = 4 * 3_600_000;

/** The wait before attempt `attempts + 1` after `attempts` failures: ×4 each time, ±20 %, at most 4 hours. */
export function retryDelay(attempts: number, base = eventSettings.retryBaseMs()): number {
  const delay = Math.min(base * 4 ** Math.max(0, attempts - 1), MAX_DELAY_MS);
  return Math.round(delay * (0.8 + Math.random() * 0.4));
}

/** The next `limit` deliveries due, not leased, with no earlier one of their endpoint and key pending, claimed for this transaction. */
function claimQuery(now: Date, limit: number): Sql {
  return sql.prepared`SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
    WHERE d.status = 'PENDIENTE' AND d.next_attempt_at <= ${now} AND (d.locked_until IS NULL OR d.locked_until < ${now}) AND e.enabled = ${true}
      AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
        WHERE p.endpoint_id = d.endpoint_id AND p.ordering_key = d.ordering_key AND p.event_id < d.event_id AND p.status = 'PENDIENTE')
    ORDER BY d.next_attempt_at, d.id LIMIT ${limit} ${claimRows("d")}`;
}

interface DeliveryRow {
  id: number;
  endpointId: number;
  eventId: number;
  payload: string;
  attempts: number;
  createdAt: unknown;
  lockedUntil: unknown;
  url: string;
  agentId: number;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: unknown;
}

const DETAIL = (ids: Sql) => sql.prepared`SELECT d.id, d.endpoint_id AS "endpointId", d.event_id AS "eventId", d.payload, d.attempts, d.created_at AS "createdAt",
    d.locked_until AS "lockedUntil", e.url, e.agent_id AS "agentId", e.secret, e.previous_secret AS "previousSecret",
    e.previous_secret_expires_at AS "previousSecretExpiresAt"
  FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id IN ${ids}`;

function claimed(row: DeliveryRow): ClaimedDelivery {
  return {
    ...row,
    createdAt: fromSqlDate(row.createdAt),
    lockedUntil: fromSqlDate(row.lockedUntil),
    previousSecretExpiresAt: row.previousSecretExpiresAt ? fromSqlDate(row.previousSecretExpiresAt) : null,
  };
}

/** Takes up to `limit` due deliveries for this worker, for one lease. */
export async function claimDeliveries(ctx: WorkerContext, limit: number): Promise<ClaimedDelivery[]> {
  return ctx.db.sql.transaction(async (tx) => {
    const now = ctx.now();
    const ids = (await tx.all<{ id: number }>(claimQuery(now, limit))).map((row) => row.id);
    if (ids.length === 0) return [];
    const lockedUntil = new Date(now.getTime() + eventSettings.leaseMs());
    await runForIds(tx, (list) => sql.prepared`UPDATE webhook_deliveries SET locked_until = ${lockedUntil}, attempts = attempts + 1 WHERE id IN ${list}`, ids);
    return (await allForIds<DeliveryRow>(tx, DETAIL, ids)).map(claimed);
  });
}

/** One delivery, for "Reenviar": not leased, sent at once. */
export async function loadDelivery(tx: SqlStatements, id: number): Promise<ClaimedDelivery | null> {
  const [row] = await allForIds<DeliveryRow>(tx, DETAIL, [id]);
  return row ? claimed(row) : null;
}

/** Signs and sends one delivery to the address checked now. */
export async function send(delivery: ClaimedDelivery, now: Date, resolve: Resolver = systemResolver, manual = false): Promise<DeliveryOutcome> {
  const at = now;
  try {
    const url = new URL(delivery.url);
    const target = await resolveAllowed(url, resolve);
    const secrets = [openSecret(delivery.secret)];
    if (delivery.previousSecret && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > now) secrets.push(openSecret(delivery.previousSecret));
    const headers = webhookHeaders(secrets, messageId(delivery.eventId), delivery.payload, now);
    const outcome = await postWebhook(url, target, headers, delivery.payload, eventSettings.webhookTimeoutMs());
    return { ...outcome, delivery, at, manual };
  } catch (error) {
    const message = isDomainError(error) ? error.message : error instanceof Error ? error.message : String(error);
    return { statusCode: null, latencyMs: 0, error: message, delivery, at, manual };
  }
}

export const succeeded = (outcome: PostOutcome) => outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;

function describeFailure(outcome: PostOutcome): string {
  if (outcome.error) return outcome.error.slice(0, 500);
  return `respondió HTTP ${outcome.statusCode}`;
}

/** Writes the outcomes of a round of attempts, in one transaction. */
export async function recordOutcomes(ctx: WorkerContext, outcomes: readonly DeliveryOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await ctx.db.sql.transaction(async (tx) => {
    const now = ctx.now();
    for (const outcome of outcomes) await recordOne(tx, outcome, now);
  });
}

async function recordOne(tx: SqlStatements, outcome: DeliveryOutcome, now: Date): Promise<void> {
  const { delivery } = outcome;
  await tx.run(
    sql.prepared`INSERT INTO webhook_attempts (delivery_id, at, status_code, latency_ms, error, worker, manual)
      VALUES (${delivery.id}, ${outcome.at}, ${outcome.statusCode}, ${outcome.latencyMs}, ${succeeded(outcome) ? null : describeFailure(outcome)},
        ${WORKER_NAME}, ${outcome.manual})`,
  );
  // A worker's result counts only while it still holds the lease it claimed with; a manual
  // resend's always does.
  const lease = outcome.manual ? sql.empty : sql` AND locked_until = ${delivery.lockedUntil}`;
  if (succeeded(outcome)) {
    await tx.run(
      sql.prepared`UPDATE webhook_deliveries SET status = 'ENTREGADO', delivered_at = ${outcome.at}, locked_until = NULL,
          last_status_code = ${outcome.statusCode}, last_latency_ms = ${outcome.latencyMs}, last_error = NULL
        WHERE id = ${delivery.id}${lease}`,
    );
    await tx.run(sql.prepared`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ${delivery.endpointId} AND failing_since IS NOT NULL`);
    return;
  }
  const [current] = await tx.all<{ attempts: number; status: string }>(sql.prepared`SELECT attempts, status FROM webhook_deliveries WHERE id = ${delivery.id}`);
  const deadline = delivery.createdAt.getTime() + eventSettings.retryWindowMs();
  const giveUp = now.getTime() >= deadline;
  const nextAttempt = new Date(Math.min(now.getTime() + retryDelay(current?.attempts ?? delivery.attempts), deadline));
  // A failed manual resend of a delivery already given up (or delivered) leaves its status alone.
  const stillPending = current?.status === "PENDIENTE";
  if (!outcome.manual || stillPending) {
    await tx.run(
      sql.prepared`UPDATE webhook_deliveries SET status = ${giveUp ? "FALLIDO" : "PENDIENTE"}, next_attempt_at = ${nextAttempt}, locked_until = NULL,
          last_status_code = ${outcome.statusCode}, last_latency_ms = ${outcome.latencyMs}, last_error = ${describeFailure(outcome)}
        WHERE id = ${delivery.id}${lease}`,
    );
  }
  await tx.run(sql.prepared`UPDATE webhook_endpoints SET failing_since = ${outcome.at} WHERE id = ${delivery.endpointId} AND failing_since IS NULL`);
  const [endpoint] = await tx.all<{ failingSince: unknown; enabled: unknown; url: string }>(
    sql.prepared`SELECT failing_since AS "failingSince", enabled, url FROM webhook_endpoints WHERE id = ${delivery.endpointId}`,
  );
  if (!endpoint || !endpoint.enabled || !endpoint.failingSince) return;
  const failingSince = fromSqlDate(endpoint.failingSince);
  if (now.getTime() - failingSince.getTime() < eventSettings.disableAfterMs()) return;
  const reason = `Sin entregas exitosas desde el ${failingSince.toISOString()}: deshabilitado automáticamente.`;
  const disabled = await tx.run(
    sql`UPDATE webhook_endpoints SET enabled = ${false}, disabled_at = ${now}, disabled_reason = ${reason}, updated_at = ${now}
      WHERE id = ${delivery.endpointId} AND enabled = ${true}`,
  );
  if (disabled === 1) {
    await recordEvent(tx, {
      type: "webhook.deshabilitado",
      agentId: delivery.agentId,
      occurredAt: now,
      data: { endpointId: delivery.endpointId, url: endpoint.url, failingSince: failingSince.toISOString() },
    });
  }
}
