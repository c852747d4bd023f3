/**
 * The worker's e-mail stage: e-mails of notifications the user chose, sent through nodemailer to
 * SCOP_SMTP_URL (a pooled SMTP connection), claimed with a lease like webhook deliveries and
 * retried with the same backoff for 24 hours. Without SCOP_SMTP_URL the fan-out keeps them
 * RETENIDO in the portal's outbox ("Correos", for the administrator) and this stage does nothing.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { claimRows, fromSqlDate, sql, type Sql } from "@/lib/db/sql";
import type { WorkerContext } from "../fan-out";
import { eventSettings } from "../settings";
import { allForIds, runForIds } from "../sql-lists";
import { retryDelay } from "../webhooks/deliver";

export interface ClaimedEmail {
  id: number;
  toAddress: string;
  subject: string;
  text: string;
  createdAt: Date;
  lockedUntil: Date;
}

export interface EmailOutcome {
  email: ClaimedEmail;
  error: string | null;
}

const transports = new Map<string, Transporter>();

function transport(url: string): Transporter {
  let found = transports.get(url);
  if (!found) {
    found = nodemailer.createTransport(url.includes("?") || url.includes("pool=") ? url : `${url}?pool=true`);
    transports.set(url, found);
  }
  return found;
}

/** Closes the pooled SMTP connections (at shutdown, and between tests). */
export function closeTransports(): void {
  for (const found of transports.values()) found.close();
  transports.clear();
}

/** The next `limit` e-mails due and not leased, claimed for this transaction. */
function claimQuery(now: Date, limit: number): Sql {
  return sql.prepared`SELECT m.id FROM email_messages m
    WHERE m.status = 'PENDIENTE' AND m.next_attempt_at <= ${now} AND (m.locked_until IS NULL OR m.locked_until < ${now})
    ORDER BY m.next_attempt_at, m.id LIMIT ${limit} ${claimRows("m")}`;
}

export async function claimEmails(ctx: WorkerContext, limit: number): Promise<ClaimedEmail[]> {
  return ctx.db.sql.transaction(async (tx) => {
    const now = ctx.now();
    const ids = (await tx.all<{ id: number }>(claimQuery(now, limit))).map((row) => row.id);
    if (ids.length === 0) return [];
    const lockedUntil = new Date(now.getTime() + eventSettings.leaseMs());
    await runForIds(tx, (list) => sql.prepared`UPDATE email_messages SET locked_until = ${lockedUntil}, attempts = attempts + 1 WHERE id IN ${list}`, ids);
    const rows = await allForIds<{ id: number; toAddress: string; subject: string; text: string; createdAt: unknown; lockedUntil: unknown }>(
      tx,
      (list) =>
        sql.prepared`SELECT id, to_address AS "toAddress", subject, text, created_at AS "createdAt", locked_until AS "lockedUntil"
          FROM email_messages WHERE id IN ${list}`,
      ids,
    );
    return rows.map((row) => ({ ...row, createdAt: fromSqlDate(row.createdAt), lockedUntil: fromSqlDate(row.lockedUntil) }));
  });
}

export async function sendEmail(email: ClaimedEmail, smtpUrl: string): Promise<EmailOutcome> {
  try {
    await transport(smtpUrl).sendMail({ from: eventSettings.mailFrom(), to: email.toAddress, subject: email.subject, text: email.text });
    return { email, error: null };
  } catch (error) {
    return { email, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
  }
}

export async function recordEmailOutcomes(ctx: WorkerContext, outcomes: readonly EmailOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await ctx.db.sql.transaction(async (tx) => {
    const now = ctx.now();
    for (const { email, error } of outcomes) {
      if (error === null) {
        await tx.run(
          sql.prepared`UPDATE email_messages SET status = 'ENVIADO', sent_at = ${now}, locked_until = NULL, last_error = NULL
            WHERE id = ${email.id} AND locked_until = ${email.lockedUntil}`,
        );
        continue;
      }
      const [row] = await tx.all<{ attempts: number }>(sql.prepared`SELECT attempts FROM email_messages WHERE id = ${email.id}`);
      const deadline = email.createdAt.getTime() + eventSettings.retryWindowMs();
      const giveUp = now.getTime() >= deadline;
      const nextAttempt = new Date(Math.min(now.getTime() + retryDelay(row?.attempts ?? 1), deadline));
      await tx.run(
        sql.prepared`UPDATE email_messages SET status = ${giveUp ? "FALLIDO" : "PENDIENTE"}, next_attempt_at = ${nextAttempt}, locked_until = NULL,
          last_error = ${error} WHERE id = ${email.id} AND locked_until = ${email.lockedUntil}`,
      );
    }
  });
}
