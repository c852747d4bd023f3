/**
 * The settings of notifications, e-mail and webhooks, from the environment (docs/events.md).
 * Read when asked, so tests can set them per case.
 */

function number(name: string, fallback: number, { min = 0 }: { min?: number } = {}): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) throw new Error(`${name} debe ser un número mayor o igual que ${min} (se recibió «${raw}»).`);
  return value;
}

/** "HH:MM" (Lima) → minutes after midnight. */
function timeOfDay(name: string, fallback: string): number {
  const raw = process.env[name] || fallback;
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(raw);
  if (!match) throw new Error(`${name} debe ser una hora HH:MM de Lima, p. ej. ${fallback} (se recibió «${raw}»).`);
  return Number(match[1]) * 60 + Number(match[2]);
}

export const eventSettings = {
  /** whether this process runs the worker (default yes; `off` when dedicated `npm run worker` processes do it) */
  workerInProcess: () => (process.env.SCOP_EVENTS_WORKER ?? "on") !== "off",
  /** how often an idle worker looks for new events */
  pollMs: () => number("SCOP_OUTBOX_POLL_MS", 250, { min: 10 }),
  /** how long a claimed e-mail or webhook delivery is reserved for the worker that took it */
  leaseMs: () => number("SCOP_OUTBOX_LEASE_SECONDS", 60, { min: 1 }) * 1000,
  /** the scheduler's period */
  schedulerMs: () => number("SCOP_SCHEDULER_SECONDS", 60, { min: 1 }) * 1000,
  /** the buyer's afternoon reminder of orders POR CERRAR (Lima) */
  closureReminderMinute: () => timeOfDay("SCOP_CLOSURE_REMINDER_TIME", "15:00"),
  /** the regulator's summary and the administrator's expiries (Lima) */
  dailyNoticesMinute: () => timeOfDay("SCOP_DAILY_NOTICES_TIME", "08:00"),
  /** a SOLICITADO order older than this is pointed out to its seller */
  unattendedOrderMs: () => number("SCOP_UNATTENDED_ORDER_HOURS", 4, { min: 0.01 }) * 3_600_000,
  /** the SMTP server (nodemailer URL); without it e-mails stay in the portal's outbox */
  smtpUrl: () => process.env.SCOP_SMTP_URL || undefined,
  mailFrom: () => process.env.SCOP_MAIL_FROM || "SCOP GLP <no-responder@scop-glp.localhost>",
  /** the portal's address as users reach it, for the links in e-mails and payloads */
  publicUrl: () => (process.env.SCOP_PUBLIC_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, ""),
  /**
   * Webhooks to http:// and to loopback, private or link-local addresses: refused unless this is
   * set, for tests and local demos only (server-side request forgery).
   */
  allowLocalWebhooks: () => process.env.SCOP_WEBHOOKS_ALLOW_LOCAL === "1",
  webhookTimeoutMs: () => number("SCOP_WEBHOOK_TIMEOUT_MS", 10_000, { min: 100 }),
  /** the first retry's delay; each next one is 4 times longer, up to 4 hours, for 24 hours */
  retryBaseMs: () => number("SCOP_WEBHOOK_RETRY_BASE_SECONDS", 5, { min: 0.01 }) * 1000,
  retryWindowMs: () => number("SCOP_WEBHOOK_RETRY_HOURS", 24, { min: 0.001 }) * 3_600_000,
  /** an endpoint failing without a success for this long is disabled */
  disableAfterMs: () => number("SCOP_WEBHOOK_DISABLE_AFTER_DAYS", 5, { min: 0.0001 }) * 86_400_000,
  /** concurrent HTTP deliveries (and SMTP sends) per process */
  concurrency: () => number("SCOP_DELIVERY_CONCURRENCY", 16, { min: 1 }),
  /** how often the portal's bell asks for the unread count */
  bellPollSeconds: () => number("SCOP_NOTIFICATION_POLL_SECONDS", 30, { min: 1 }),
};
