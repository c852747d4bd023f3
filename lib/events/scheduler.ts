/**
 * Time-based events, written to the same outbox as everything else. Every instance runs this
 * each minute; none repeats another's work, and a restart repeats nothing:
 * - each occurrence has a unique key (an order's reminder on one Lima day, an agent's insurance
 *   expiry at one threshold), inserted with ON CONFLICT DO NOTHING;
 * - a once-a-day job first inserts its (job, day) row in scheduler_runs, in the same transaction:
 *   whoever inserts it does the job.
 *
 * Times are Lima's: the buyer's afternoon reminder (SCOP_CLOSURE_REMINDER_TIME, 15:00), the
 * regulator's summary and the administrator's expiries (SCOP_DAILY_NOTICES_TIME, 08:00), and a
 * SOLICITADO order older than SCOP_UNATTENDED_ORDER_HOURS (4) is pointed out to its seller once a
 * day. A job whose time passed while no instance ran is done at the next start that same day.
 */
import { TZDate } from "@date-fns/tz";
import { instantValue, sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import { DEFAULT_UNCLOSED_DAYS } from "@/lib/orders/receipt";
import { DEFAULT_SOLICITADO_HOURS } from "@/lib/regulator/compliance/parameters";
import { dayRangeIndex } from "@/lib/regulator/compliance/grading";
import { LIMA, addLimaDays, calendarDaysBetween, endOfLimaDay, limaDay, startOfLimaDay, type LimaDay } from "@/lib/time";
import type { EventType } from "./catalog";
import type { WorkerContext } from "./fan-out";
import { eventSettings } from "./settings";

/** Days before an expiry when the administrator is told. */
export const EXPIRY_THRESHOLDS = [30, 7, 1] as const;

/** One scheduled event, once per occurrence key. */
function insertOne(type: EventType, agentId: number | null, occurredAt: Date, data: Record<string, unknown>, occurrenceKey: string): Sql {
  return sql`INSERT INTO outbox_events (type, order_id, agent_id, occurred_at, data, occurrence_key)
    VALUES (${type}, ${null}, ${agentId}, ${occurredAt}, ${JSON.stringify(data)}, ${occurrenceKey}) ON CONFLICT (occurrence_key) DO NOTHING`;
}

/**
 * One event per order of a query, each once per key `<keyPrefix>:<order id>:<day>` (SQLite needs
 * the WHERE for ON CONFLICT after a SELECT). The instant is a value of the SELECT list, which
 * each engine types its own way (instantValue, engine.ts).
 */
function insertPerOrder(type: EventType, keyPrefix: string, agentColumn: "buyer_id" | "seller_id", occurredAt: Date, day: LimaDay, where: Sql): Sql {
  return sql`INSERT INTO outbox_events (type, order_id, agent_id, occurred_at, data, occurrence_key)
    SELECT ${type}, o.id, o.${sql.raw(agentColumn)}, ${instantValue(occurredAt)}, ${JSON.stringify({ day })},
      ${`${keyPrefix}:`} || CAST(o.id AS TEXT) || ':' || CAST(${day} AS TEXT)
    FROM orders o WHERE ${where}
    ON CONFLICT (occurrence_key) DO NOTHING`;
}

/** Minutes since Lima's midnight. */
export function limaMinuteOfDay(instant: Date): number {
  const lima = new TZDate(instant.getTime(), LIMA);
  return lima.getHours() * 60 + lima.getMinutes();
}

/** The threshold an expiry `daysLeft` days away has reached (the smallest of 30, 7, 1 not below it), or null. */
export function expiryThreshold(daysLeft: number): number | null {
  if (daysLeft < 1 || daysLeft > EXPIRY_THRESHOLDS[0]) return null;
  return [...EXPIRY_THRESHOLDS].reverse().find((threshold) => daysLeft <= threshold) ?? null;
}

export class Scheduler {
  /** once-a-day jobs this process already saw done, so it does not ask the database every minute */
  #done = new Map<string, LimaDay>();

  constructor(private readonly ctx: WorkerContext) {}

  async tick(): Promise<void> {
    const now = this.ctx.now();
    const today = limaDay(now);
    const minute = limaMinuteOfDay(now);
    await this.ctx.db.sql.transaction((tx) => unattendedOrders(tx, now, today));
    if (minute >= eventSettings.closureReminderMinute()) {
      await this.#once("recordatorio_cierre", today, (tx) => closureReminders(tx, now, today));
    }
    if (minute >= eventSettings.dailyNoticesMinute()) {
      await this.#once("resumen_diario", today, (tx) => regulatorSummary(tx, now, today));
      await this.#once("vencimientos", today, (tx) => expiries(tx, now, today));
    }
  }

  async #once(job: string, day: LimaDay, work: (tx: SqlStatements) => Promise<void>): Promise<void> {
    if (this.#done.get(job) === day) return;
    await this.ctx.db.sql.transaction(async (tx) => {
      const mine = await tx.run(sql`INSERT INTO scheduler_runs (job, period, ran_at) VALUES (${job}, ${day}, ${this.ctx.now()}) ON CONFLICT (job, period) DO NOTHING`);
      if (mine === 1) await work(tx);
    });
    this.#done.set(job, day);
  }
}

/** The buyer's afternoon reminder: every order POR CERRAR at the reminder time, once a day. */
async function closureReminders(tx: SqlStatements, now: Date, today: LimaDay): Promise<void> {
  await tx.run(insertPerOrder("orden.recordatorio_cierre", "recordatorio_cierre", "buyer_id", now, today, sql`o.state = 'POR_CERRAR'`));
}

/** Orders SOLICITADO for longer than the setting: their seller is told, once per order and Lima day. */
async function unattendedOrders(tx: SqlStatements, now: Date, today: LimaDay): Promise<void> {
  const before = new Date(now.getTime() - eventSettings.unattendedOrderMs());
  await tx.run(insertPerOrder("orden.sin_atender", "sin_atender", "seller_id", now, today, sql`o.state = 'SOLICITADO' AND o.requested_at < ${before}`));
}

/**
 * The regulator's morning summary of yesterday: the late closures recorded that day by days late
 * (the Cumplimiento ranges) and the late rejections, and the findings standing this morning —
 * orders POR CERRAR for more than DEFAULT_UNCLOSED_DAYS days with neither closure nor rejection,
 * and orders SOLICITADO for more than 24 hours.
 */
async function regulatorSummary(tx: SqlStatements, now: Date, today: LimaDay): Promise<void> {
  const day = addLimaDays(today, -1);
  const late = await tx.all<{ daysLate: number }>(
    sql`SELECT o.days_late AS "daysLate" FROM movements m JOIN orders o ON o.id = m.order_id
      WHERE m.event = 'CERRADO' AND m.occurred_at >= ${startOfLimaDay(day)} AND m.occurred_at < ${endOfLimaDay(day)} AND o.days_late > 0`,
  );
  const lateByRange = [0, 0, 0, 0];
  for (const { daysLate } of late) lateByRange[dayRangeIndex(Number(daysLate))]++;
  // As Cumplimiento: POR CERRAR for more than the default days since the sale or dispatch (the
  // system cannot know when the product arrived, so an order from yesterday is no finding yet).
  const unclosedSince = new Date(now.getTime() - DEFAULT_UNCLOSED_DAYS * 86_400_000);
  const [unclosed] = await tx.all<{ count: number }>(sql`SELECT COUNT(*) AS count FROM orders WHERE state = 'POR_CERRAR' AND por_cerrar_at < ${unclosedSince}`);
  const [lateRejections] = await tx.all<{ count: number }>(
    sql`SELECT COUNT(*) AS count FROM movements m JOIN orders o ON o.id = m.order_id
      WHERE m.event = 'RECHAZADO' AND m.occurred_at >= ${startOfLimaDay(day)} AND m.occurred_at < ${endOfLimaDay(day)} AND o.days_late > 0`,
  );
  const unattendedSince = new Date(now.getTime() - DEFAULT_SOLICITADO_HOURS * 3_600_000);
  const [unattended] = await tx.all<{ count: number }>(sql`SELECT COUNT(*) AS count FROM orders WHERE state = 'SOLICITADO' AND requested_at < ${unattendedSince}`);
  const data = {
    day,
    lateClosures: late.length,
    lateByRange,
    lateRejections: Number(lateRejections?.count ?? 0),
    unclosed: Number(unclosed?.count ?? 0),
    unclosedDays: DEFAULT_UNCLOSED_DAYS,
    unattended: Number(unattended?.count ?? 0),
    unattendedHours: DEFAULT_SOLICITADO_HOURS,
  };
  await tx.run(insertOne("resumen.diario", null, now, data, `resumen_diario:${day}`));
}

/** Insurance policies and registrations expiring in 30, 7 or 1 days: the administrators are told at each threshold. */
async function expiries(tx: SqlStatements, now: Date, today: LimaDay): Promise<void> {
  const horizon = addLimaDays(today, EXPIRY_THRESHOLDS[0]);
  const agents = await tx.all<{ id: number; insurance: string | null; registry: string | null }>(
    sql`SELECT id, insurance_expires_on AS insurance, registry_expires_on AS registry FROM agents
      WHERE registry_status <> 'CANCELADO' AND type <> 'OSINERGMIN'
        AND ((insurance_expires_on > ${today} AND insurance_expires_on <= ${horizon}) OR (registry_expires_on > ${today} AND registry_expires_on <= ${horizon}))`,
  );
  for (const agent of agents) {
    for (const [type, key, expiresOn] of [
      ["seguro.por_vencer", "seguro_por_vencer", agent.insurance],
      ["registro.por_vencer", "registro_por_vencer", agent.registry],
    ] as const) {
      if (!expiresOn) continue;
      const daysLeft = calendarDaysBetween(today, expiresOn);
      const threshold = expiryThreshold(daysLeft);
      if (threshold === null) continue;
      await tx.run(insertOne(type, agent.id, now, { expiresOn, daysLeft, threshold }, `${key}:${agent.id}:${expiresOn}:${threshold}`));
    }
  }
  // Registered tank trucks whose insurance expires (lib/registry/trucks.ts): told against their owner.
  const trucks = await tx.all<{ id: number; plate: string; owner: number; insurance: string }>(
    sql`SELECT id, plate, owner_agent_id AS owner, insurance_expires_on AS insurance FROM trucks
      WHERE status <> 'CANCELADO' AND insurance_expires_on > ${today} AND insurance_expires_on <= ${horizon}`,
  );
  for (const truck of trucks) {
    const daysLeft = calendarDaysBetween(today, truck.insurance);
    const threshold = expiryThreshold(daysLeft);
    if (threshold === null) continue;
    const data = { expiresOn: truck.insurance, daysLeft, threshold, plate: truck.plate, truckId: Number(truck.id), what: "El seguro de responsabilidad civil" };
    await tx.run(insertOne("cisterna.por_vencer", Number(truck.owner), now, data, `cisterna_por_vencer:${truck.id}:${truck.insurance}:${threshold}`));
  }
}
