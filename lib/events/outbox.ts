/**
 * Writing to the outbox: one row in the caller's transaction, so the event exists if and only if
 * the change it reports committed. Nothing is sent from here; the worker (worker.ts) reads the
 * outbox after the commit.
 */
import type { Tx } from "@/lib/db/database";
import { GUARD_HELD, sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import type { EventType } from "./catalog";
import { log } from "@/lib/observability/log";

export interface NewEvent {
  type: EventType;
  /** the order it is about */
  orderId?: number | null;
  /** the agent it is about: the actor of a movement, the subject of a registry event */
  agentId?: number | null;
  occurredAt: Date;
  /** event-specific facts, stored as JSON */
  data?: Record<string, unknown>;
  /** for scheduled events: the occurrence's unique key (a second write of it is ignored) */
  occurrenceKey?: string;
}

/**
 * Benchmark only (`npm run bench:events`): the server measured "without the outbox" writes no
 * events. Read once at start; a production server never sets it.
 */
const DISABLED_FOR_BENCHMARK = process.env.SCOP_BENCH_WITHOUT_OUTBOX === "1";
if (DISABLED_FOR_BENCHMARK) log("events").warn("SCOP_BENCH_WITHOUT_OUTBOX=1: no se escriben eventos (solo para el benchmark).");

/** One event in the caller's transaction (one prepared statement). */
export async function recordEvent(tx: SqlStatements, event: NewEvent): Promise<void> {
  if (DISABLED_FOR_BENCHMARK) return;
  const data = event.data ? JSON.stringify(event.data) : null;
  await tx.run(
    sql.prepared`INSERT INTO outbox_events (type, order_id, agent_id, occurred_at, data)
      VALUES (${event.type}, ${event.orderId ?? null}, ${event.agentId ?? null}, ${event.occurredAt}, ${data})`,
  );
}

/**
 * The same event as one write of a guarded write (SqlStatements.writeGuarded: written only when
 * its guard changed a row, in the same statement on PostgreSQL); none in the events benchmark's
 * run without the outbox.
 */
export function guardedEventWrite(event: NewEvent): Sql[] {
  if (DISABLED_FOR_BENCHMARK) return [];
  const data = event.data ? JSON.stringify(event.data) : null;
  return [
    sql.prepared`INSERT INTO outbox_events (type, order_id, agent_id, occurred_at, data)
      SELECT ${event.type}, ${event.orderId ?? null}, ${event.agentId ?? null}, ${event.occurredAt}, ${data} WHERE ${GUARD_HELD}`,
  ];
}

/** The same inside a Prisma transaction (the registry's changes). */
export async function recordEventWithPrisma(tx: Tx, event: NewEvent): Promise<void> {
  if (DISABLED_FOR_BENCHMARK) return;
  await tx.outboxEvent.create({
    data: {
      type: event.type,
      orderId: event.orderId ?? null,
      agentId: event.agentId ?? null,
      occurredAt: event.occurredAt,
      data: event.data ? JSON.stringify(event.data) : null,
      occurrenceKey: event.occurrenceKey ?? null,
    },
  });
}
