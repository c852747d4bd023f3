/**
 * What the events worker has pending in the database, for the metrics (scop_outbox_backlog,
 * scop_outbox_oldest_event_age_seconds): undistributed events and the oldest one's time, pending
 * webhook deliveries and e-mails. Each count reads an index (processed_at, status).
 */
import type { Database } from "@/lib/db/database";
import { fromSqlDate, sql } from "@/lib/db/sql";
import type { OutboxBacklog } from "@/lib/observability/metrics";

export async function outboxBacklog(db: Pick<Database, "sql">): Promise<OutboxBacklog> {
  const [row] = await db.sql.all<{ events: number; oldest: unknown; webhooks: number; emails: number }>(
    sql`SELECT (SELECT count(*) FROM outbox_events WHERE processed_at IS NULL) AS events,
            (SELECT min(occurred_at) FROM outbox_events WHERE processed_at IS NULL) AS oldest,
            (SELECT count(*) FROM webhook_deliveries WHERE status = 'PENDIENTE') AS webhooks,
            (SELECT count(*) FROM email_messages WHERE status = 'PENDIENTE') AS emails`,
  );
  return {
    events: Number(row.events),
    oldestEventAt: row.oldest === null || row.oldest === undefined ? null : fromSqlDate(row.oldest),
    webhooks: Number(row.webhooks),
    emails: Number(row.emails),
  };
}
