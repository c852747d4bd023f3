/**
 * The compliance report ("Cumplimiento"): who broke the SCOP's timing rules in a period, graded as
 * seed 003 grades them. The database does the counting (GROUP BY on the [state, porCerrarDay,
 * daysLate, buyerId] and [state, requestedAt] indexes); only the per-agent groups, a few thousand
 * at most, come back to be graded here: three GROUP BY statements, each with its agents joined,
 * read in one snapshot so that the figures agree with one another.
 *
 * Who answers for what:
 * - A late closure, and an order still POR CERRAR after its day, is the buyer's: DESIGN.md gives
 *   the closure to the buyer, and seeds 002 and 003 sanction the receiving establishment (Grifo
 *   Los Tumpis, Servicentro Nueva Kalifornia) for closing days after the product arrived.
 * - An order left SOLICITADO is the seller's: only the chosen seller can take it out of SOLICITADO
 *   (DESIGN.md: "vender ... the chosen seller"), and seed 001 sanctions the seller, the Distribuidor
 *   a Granel HYTEK AUTOGAS, whose order still read SOLICITADO while its truck was unloading.
 */
import type { Database } from "@/lib/db/database";
import { fromSqlDate, sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { OrderState } from "@/lib/orders/states";
import type { AgentType } from "@/lib/registry/agent-types";
import { calendarDaysBetween, endOfLimaDay, limaDay, startOfLimaDay, type LimaDay } from "@/lib/time";
import {
  DAY_RANGES,
  TYPE_CATEGORY_OF,
  closureCostCents,
  dayRangeIndex,
  meanDayRangeIndex,
  orderRangeIndex,
  type TypeCategory,
} from "./grading";
import type { ComplianceParams } from "./parameters";

export interface AgentInfo {
  id: number;
  businessName: string;
  ruc: string;
  registryNumber: string;
  type: AgentType;
  department: string;
}

/** A buyer's late closures in the period, graded by Cuadro Nro. 03 and 04. */
export interface ClosureAgentRow {
  agent: AgentInfo;
  /** CERRADO on a later Lima day than the day it reached POR CERRAR */
  lateClosed: number;
  /** still POR CERRAR after its day ended (days counted to today) */
  stillOpen: number;
  orders: number;
  totalDaysLate: number;
  /** orders per day range (DAY_RANGES) */
  daysDistribution: number[];
  orderRange: number;
  /** the range of the mean days late, which picks the Cuadro Nro. 03 column */
  dayRange: number;
  category: TypeCategory;
  factorHundredths: number;
  partialCents: number;
  costCents: number;
}

/** A seller's orders left SOLICITADO longer than the threshold. */
export interface UnattendedAgentRow {
  agent: AgentInfo;
  orders: number;
  oldestRequestedAt: Date;
  orderRange: number;
  costCents: number;
}

export interface ComplianceReport {
  params: ComplianceParams;
  /** the Lima day the open orders' days late are counted to */
  today: LimaDay;
  generatedAt: Date;
  summary: {
    lateClosed: number;
    stillOpen: number;
    unattended: number;
    buyers: number;
    sellers: number;
    totalDaysLate: number;
    closureCostCents: number;
    unattendedCostCents: number;
  };
  /** most expensive first */
  buyers: ClosureAgentRow[];
  sellers: UnattendedAgentRow[];
}

export const LATE_KINDS = ["cerradas", "por-cerrar", "solicitadas"] as const;
export type LateKind = (typeof LATE_KINDS)[number];

export const LATE_KIND_LABELS: Record<LateKind, string> = {
  cerradas: "Cerradas fuera de plazo",
  "por-cerrar": "POR CERRAR vencidas",
  solicitadas: "SOLICITADO sin atender",
};

function previousDay(day: LimaDay): LimaDay {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** What makes an order of one kind late in the period: written once, read as Prisma's where and as SQL. */
interface LateBounds {
  state: OrderState;
  /** the POR CERRAR day, inclusive */
  porCerrarDay?: { from: LimaDay; to: LimaDay };
  /** closed after its day (days late > 0) */
  late?: true;
  /** requested at, from inclusive, to exclusive */
  requestedAt?: { from: Date; to: Date };
  /** the party it counts against */
  party: "buyerId" | "sellerId";
}

function lateBounds(kind: LateKind, params: ComplianceParams, now: Date): LateBounds {
  const today = limaDay(now);
  switch (kind) {
    case "cerradas":
      // daysLate is written by closeOrder as the Lima calendar days from porCerrarDay to the closure.
      return { state: "CERRADO", porCerrarDay: { from: params.from, to: params.to }, late: true, party: "buyerId" };
    case "por-cerrar":
      return { state: "POR_CERRAR", porCerrarDay: { from: params.from, to: params.to < today ? params.to : previousDay(today) }, party: "buyerId" };
    case "solicitadas": {
      // Waiting strictly longer than the threshold; requested within the period.
      const threshold = new Date(now.getTime() - params.solicitadoHours * 3_600_000);
      const periodEnd = endOfLimaDay(params.to);
      return { state: "SOLICITADO", requestedAt: { from: startOfLimaDay(params.from), to: threshold < periodEnd ? threshold : periodEnd }, party: "sellerId" };
    }
  }
}

/** The orders of one kind that break the rules in the period, optionally of one agent. */
export function lateOrdersWhere(kind: LateKind, params: ComplianceParams, now: Date, agentId?: number): Prisma.OrderWhereInput {
  const bounds = lateBounds(kind, params, now);
  return {
    state: bounds.state,
    ...(bounds.porCerrarDay ? { porCerrarDay: { gte: bounds.porCerrarDay.from, lte: bounds.porCerrarDay.to } } : {}),
    ...(bounds.late ? { daysLate: { gt: 0 } } : {}),
    ...(bounds.requestedAt ? { requestedAt: { gte: bounds.requestedAt.from, lt: bounds.requestedAt.to } } : {}),
    ...(agentId ? { [bounds.party]: agentId } : {}),
  };
}

/** The same orders as a SQL condition on `orders o` (the state a constant, as the indexes' first column). */
function lateOrdersSql(kind: LateKind, params: ComplianceParams, now: Date): Sql {
  const bounds = lateBounds(kind, params, now);
  const where = [sql`o.state = ${sql.raw(`'${bounds.state}'`)}`];
  if (bounds.porCerrarDay) where.push(sql`o.por_cerrar_day >= ${bounds.porCerrarDay.from} AND o.por_cerrar_day <= ${bounds.porCerrarDay.to}`);
  if (bounds.late) where.push(sql`o.days_late > 0`);
  if (bounds.requestedAt) where.push(sql`o.requested_at >= ${bounds.requestedAt.from} AND o.requested_at < ${bounds.requestedAt.to}`);
  return sql.join(where, " AND ");
}

/** An agent's registry data, joined to a per-agent aggregate `g` by its `agent_id`. */
const AGENT_COLUMNS = sql.raw(`a.id, a.business_name AS "businessName", a.ruc, a.registry_number AS "registryNumber", a.type, a.department`);

interface ClosedByBuyer extends AgentInfo {
  orders: number;
  days: number;
  /** orders per day range */
  d0: number;
  d1: number;
  d2: number;
  d3: number;
}

/**
 * Late closures per buyer with its registry data, in one statement. Portable SQL: the aggregate is
 * a derived table (SQLite then reads only the covering index and joins agents by primary key),
 * counts are CAST to INTEGER (PostgreSQL's COUNT and SUM are bigint), aliases are double-quoted.
 */
function closedByBuyer(tx: SqlStatements, params: ComplianceParams, now: Date): Promise<ClosedByBuyer[]> {
  const [upTo2, upTo5, upTo10] = DAY_RANGES.map((range) => range.max);
  return tx.all<ClosedByBuyer>(sql`
    SELECT ${AGENT_COLUMNS}, g.orders, g.days, g.d0, g.d1, g.d2, g.d3
    FROM (SELECT o.buyer_id AS agent_id,
                 CAST(COUNT(*) AS INTEGER) AS orders,
                 CAST(SUM(o.days_late) AS INTEGER) AS days,
                 CAST(SUM(CASE WHEN o.days_late <= ${upTo2} THEN 1 ELSE 0 END) AS INTEGER) AS d0,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo2} AND o.days_late <= ${upTo5} THEN 1 ELSE 0 END) AS INTEGER) AS d1,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo5} AND o.days_late <= ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d2,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d3
          FROM orders o
          WHERE ${lateOrdersSql("cerradas", params, now)}
          GROUP BY o.buyer_id) g
    JOIN agents a ON a.id = g.agent_id`);
}

/** Orders still POR CERRAR after their day, per buyer and day (their days late are counted to today). */
function openByBuyer(tx: SqlStatements, params: ComplianceParams, now: Date): Promise<(AgentInfo & { porCerrarDay: LimaDay; orders: number })[]> {
  return tx.all(sql`
    SELECT ${AGENT_COLUMNS}, g.por_cerrar_day AS "porCerrarDay", g.orders
    FROM (SELECT o.buyer_id AS agent_id, o.por_cerrar_day, CAST(COUNT(*) AS INTEGER) AS orders
          FROM orders o
          WHERE ${lateOrdersSql("por-cerrar", params, now)}
          GROUP BY o.buyer_id, o.por_cerrar_day) g
    JOIN agents a ON a.id = g.agent_id`);
}

/** Orders left SOLICITADO longer than the threshold, per seller, with the oldest. */
function unattendedBySeller(tx: SqlStatements, params: ComplianceParams, now: Date): Promise<(AgentInfo & { orders: number; oldest: unknown })[]> {
  return tx.all(sql`
    SELECT ${AGENT_COLUMNS}, g.orders, g.oldest
    FROM (SELECT o.seller_id AS agent_id, CAST(COUNT(*) AS INTEGER) AS orders, MIN(o.requested_at) AS oldest
          FROM orders o
          WHERE ${lateOrdersSql("solicitadas", params, now)}
          GROUP BY o.seller_id) g
    JOIN agents a ON a.id = g.agent_id`);
}

const agentOf = ({ id, businessName, ruc, registryNumber, type, department }: AgentInfo): AgentInfo => ({
  id: Number(id),
  businessName,
  ruc,
  registryNumber,
  type,
  department,
});

export async function complianceReport(db: Pick<Database, "sql">, params: ComplianceParams, now: Date): Promise<ComplianceReport> {
  const today = limaDay(now);
  const { closed, open, unattended } = await db.sql.snapshot(async (tx) => ({
    closed: await closedByBuyer(tx, params, now),
    open: await openByBuyer(tx, params, now),
    unattended: await unattendedBySeller(tx, params, now),
  }));

  const agents = new Map<number, AgentInfo>([...closed, ...open, ...unattended].map((row) => [Number(row.id), agentOf(row)]));

  const tallies = new Map<number, { lateClosed: number; stillOpen: number; totalDaysLate: number; daysDistribution: number[] }>();
  const tallyOpen = (buyerId: number, daysLate: number, count: number) => {
    let entry = tallies.get(buyerId);
    if (!entry) tallies.set(buyerId, (entry = { lateClosed: 0, stillOpen: 0, totalDaysLate: 0, daysDistribution: DAY_RANGES.map(() => 0) }));
    entry.stillOpen += count;
    entry.totalDaysLate += daysLate * count;
    entry.daysDistribution[dayRangeIndex(daysLate)] += count;
  };
  for (const row of closed) {
    tallies.set(Number(row.id), {
      lateClosed: Number(row.orders),
      stillOpen: 0,
      totalDaysLate: Number(row.days),
      daysDistribution: [row.d0, row.d1, row.d2, row.d3].map(Number),
    });
  }
  for (const group of open) tallyOpen(Number(group.id), calendarDaysBetween(group.porCerrarDay, today), Number(group.orders));

  const buyers: ClosureAgentRow[] = [...tallies].map(([buyerId, entry]) => {
    const agent = agents.get(buyerId)!;
    const orders = entry.lateClosed + entry.stillOpen;
    const orderRange = orderRangeIndex(orders);
    const dayRange = meanDayRangeIndex(entry.totalDaysLate, orders);
    const category = TYPE_CATEGORY_OF[agent.type];
    const factorHundredths = params.factorHundredths[category];
    const partialCents = params.costCents[orderRange][dayRange];
    return { agent, ...entry, orders, orderRange, dayRange, category, factorHundredths, partialCents, costCents: closureCostCents(partialCents, factorHundredths) };
  });
  buyers.sort((a, b) => b.costCents - a.costCents || b.orders - a.orders || a.agent.businessName.localeCompare(b.agent.businessName, "es"));

  const sellers: UnattendedAgentRow[] = unattended.map((group) => ({
    agent: agents.get(Number(group.id))!,
    orders: Number(group.orders),
    oldestRequestedAt: fromSqlDate(group.oldest),
    orderRange: orderRangeIndex(Number(group.orders)),
    costCents: Number(group.orders) * params.solicitadoCostCents,
  }));
  sellers.sort((a, b) => b.orders - a.orders || a.oldestRequestedAt.getTime() - b.oldestRequestedAt.getTime());

  const sum = <T>(rows: T[], value: (row: T) => number) => rows.reduce((total, row) => total + value(row), 0);
  return {
    params,
    today,
    generatedAt: now,
    summary: {
      lateClosed: sum(buyers, (row) => row.lateClosed),
      stillOpen: sum(buyers, (row) => row.stillOpen),
      unattended: sum(sellers, (row) => row.orders),
      buyers: buyers.length,
      sellers: sellers.length,
      totalDaysLate: sum(buyers, (row) => row.totalDaysLate),
      closureCostCents: sum(buyers, (row) => row.costCents),
      unattendedCostCents: sum(sellers, (row) => row.costCents),
    },
    buyers,
    sellers,
  };
}
