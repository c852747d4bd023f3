/**
 * The regulator's "Tablero": four national aggregates over a period of Lima days, each one
 * GROUP BY query that runs the same on SQLite and PostgreSQL.
 *
 * Volume is the requested volume of the orders registered in the period (by the Lima day of
 * requested_at), leaving out annulled ones. That is the measure the regulator itself uses: seed 003's
 * Cuadro Nro. 04 compares agent types by "Cantidad acumulada de OP (Gal.)", the volume of the
 * orders each type placed; each Código de Autorización authorises that volume, it is known the day
 * the order is registered (sold or received volumes arrive days later, so recent days would look
 * empty), and an annulled order is a correction that authorised nothing.
 *
 * Late closures are counted where they happen: closed orders whose product arrived (POR CERRAR
 * day) in the period, by the buyer's department, since the buyer is who must close the same day.
 */
import type { Database } from "@/lib/db/database";
import { limaDay, sql, type SqlRow } from "@/lib/db/sql";
import { ORDER_STATES, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPES, type AgentType } from "@/lib/registry/agent-types";
import { endOfLimaDay, startOfLimaDay, type LimaDay } from "@/lib/time";
import type { Hundredths } from "@/lib/volume";
import { daysOf, type DashboardPeriod } from "./dashboard-period";

export const TOP_AGENTS = 10;

export interface DailyVolume {
  day: LimaDay;
  /** requested volume by the buyer's agent type; types without orders that day are absent */
  byType: Partial<Record<AgentType, Hundredths>>;
  total: Hundredths;
  orders: number;
}

export interface DepartmentLateClosures {
  department: string;
  closed: number;
  late: number;
  /** late / closed, 0…1 */
  rate: number;
}

export interface AgentVolume {
  id: number;
  businessName: string;
  ruc: string;
  type: AgentType;
  volume: Hundredths;
  orders: number;
}

export interface Dashboard {
  period: DashboardPeriod;
  /** every day of the period, in order, zero when nothing was requested */
  dailyVolume: DailyVolume[];
  /** the buyer types that appear in dailyVolume, in the registry's order */
  buyerTypes: AgentType[];
  /** every state, in the state machine's order, of the orders registered in the period */
  ordersByState: { state: OrderState; orders: number }[];
  /** departments with closures in the period, highest rate first */
  lateClosures: DepartmentLateClosures[];
  topBuyers: AgentVolume[];
  topSellers: AgentVolume[];
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Annulled orders count in "orders by state" only. Kept out of the WHERE clause on purpose: with
 * only the requested_at range there, both engines scan the covering requested_at index. */
const COUNTED_VOLUME = sql.raw("sum(CASE WHEN o.state <> 'ANULADO' THEN o.requested_volume ELSE 0 END)");
const COUNTED_ORDERS = sql.raw("count(CASE WHEN o.state <> 'ANULADO' THEN 1 END)");

export async function loadDashboard(db: Pick<Database, "sql">, period: DashboardPeriod): Promise<Dashboard> {
  const start = startOfLimaDay(period.from);
  const end = endOfLimaDay(period.to);
  const requestedIn = sql`o.requested_at >= ${start} AND o.requested_at < ${end}`;
  const requestedDay = limaDay(sql`o.requested_at`);

  // Top agents: aggregate the period's orders alone, then name the ten. The unary + keeps SQLite
  // from walking the (party, requested_at) index to save a sort, which reads every agent's history.
  const topAgents = (party: "buyer_id" | "seller_id") => db.sql.all<SqlRow>(sql`
    SELECT a.id, a.business_name, a.ruc, a.type, t.volume, t.orders
    FROM (SELECT +o.${sql.raw(party)} AS agent_id, ${COUNTED_VOLUME} AS volume, ${COUNTED_ORDERS} AS orders
          FROM orders o WHERE ${requestedIn}
          GROUP BY agent_id HAVING ${COUNTED_VOLUME} > 0
          ORDER BY volume DESC, agent_id LIMIT ${TOP_AGENTS}) t
    JOIN agents a ON a.id = t.agent_id
    ORDER BY t.volume DESC, a.id`);

  // CROSS JOIN makes SQLite read the period's orders first and look their buyer up, never the
  // other way round (PostgreSQL plans it as any inner join).
  const [daily, states, late, buyers, sellers] = await Promise.all([
    db.sql.all<SqlRow>(sql`
      SELECT ${requestedDay} AS day, a.type, ${COUNTED_VOLUME} AS volume, ${COUNTED_ORDERS} AS orders
      FROM orders o CROSS JOIN agents a
      WHERE a.id = o.buyer_id AND ${requestedIn}
      GROUP BY ${requestedDay}, a.type`),
    db.sql.all<SqlRow>(sql`
      SELECT o.state, count(*) AS orders FROM orders o WHERE ${requestedIn} GROUP BY o.state`),
    db.sql.all<SqlRow>(sql`
      SELECT a.department, count(*) AS closed, sum(CASE WHEN o.days_late > 0 THEN 1 ELSE 0 END) AS late
      FROM orders o CROSS JOIN agents a
      WHERE a.id = o.buyer_id AND o.state = 'CERRADO' AND o.por_cerrar_day >= ${period.from} AND o.por_cerrar_day <= ${period.to}
      GROUP BY a.department`),
    topAgents("buyer_id"),
    topAgents("seller_id"),
  ]);

  return {
    period,
    ...dailyVolumes(period, daily),
    ordersByState: ORDER_STATES.map((state) => ({ state, orders: num(states.find((row) => row.state === state)?.orders) })),
    lateClosures: late
      .map((row) => ({ department: String(row.department), closed: num(row.closed), late: num(row.late) }))
      .map((row) => ({ ...row, rate: row.late / row.closed }))
      .sort((a, b) => b.rate - a.rate || b.closed - a.closed || a.department.localeCompare(b.department, "es")),
    topBuyers: buyers.map(agentVolume),
    topSellers: sellers.map(agentVolume),
  };
}

function dailyVolumes(period: DashboardPeriod, rows: SqlRow[]): Pick<Dashboard, "dailyVolume" | "buyerTypes"> {
  const byDay = new Map(daysOf(period).map((day): [LimaDay, DailyVolume] => [day, { day, byType: {}, total: 0, orders: 0 }]));
  const types = new Set<AgentType>();
  for (const row of rows) {
    const entry = byDay.get(String(row.day));
    const volume = num(row.volume);
    if (!entry || num(row.orders) === 0) continue;
    const type = row.type as AgentType;
    types.add(type);
    entry.byType[type] = volume;
    entry.total += volume;
    entry.orders += num(row.orders);
  }
  return { dailyVolume: [...byDay.values()], buyerTypes: AGENT_TYPES.filter((type) => types.has(type)) };
}

function agentVolume(row: SqlRow): AgentVolume {
  return {
    id: num(row.id),
    businessName: String(row.business_name),
    ruc: String(row.ruc),
    type: row.type as AgentType,
    volume: num(row.volume),
    orders: num(row.orders),
  };
}
