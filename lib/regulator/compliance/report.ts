/**
 * The compliance report ("Cumplimiento"): who broke the SCOP's timing rules in a period, graded as
 * seed 003 grades them. The database does the counting (GROUP BY on the [state, dueDay, daysLate,
 * buyerId, latenessBasis] and [state, porCerrarDay, buyerId] indexes); only the per-agent groups, a
 * few thousand at most, come back to be graded here: one GROUP BY statement per kind of finding,
 * each with its agents joined, read in one snapshot so that the figures agree with one another.
 *
 * What is late (RCD 025-2021-OS/CD art. 19.2 d, quoted in seed 002): an order closed on a later
 * America/Lima day than the day its product was unloaded (the earliest descarga the buyer declared
 * at closure), and an order rejected on a later day than the day the buyer learned the product
 * would not arrive. Closures recorded before the descarga was declared keep the days late they were
 * given, counted from the day of the sale or dispatch (latenessBasis VENTA_DESPACHO).
 *
 * Who answers for what:
 * - A late closure, a late rejection, and an order POR CERRAR for days with neither, are the
 *   buyer's: DESIGN.md gives closure and rejection to the buyer, and seeds 002 and 003 sanction the
 *   receiving establishment (Grifo Los Tumpis, Servicentro Nueva Kalifornia). Only the late
 *   closures are graded with Cuadro Nro. 03: seed 003 grades closures made days after the product
 *   was received; a rejection had no receipt, and an open order no known arrival.
 * - A constatación of a truck unloading while its order read SOLICITADO is the seller's: only the
 *   chosen seller can take an order out of SOLICITADO, and seed 001 sanctions the seller (the
 *   Distribuidor a Granel HYTEK AUTOGAS) for exactly that, at seed 001's avoided cost per order.
 * - Orders left SOLICITADO longer than a threshold are listed under their seller too, as a
 *   separate indicator: no inspector saw them unloading.
 */
import type { Database } from "@/lib/db/database";
import { fromSqlDate, sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import type { Prisma } from "@/lib/generated/sqlite/client";
import type { OrderState } from "@/lib/orders/states";
import type { AgentType } from "@/lib/registry/agent-types";
import { endOfLimaDay, limaDay, startOfLimaDay, type LimaDay } from "@/lib/time";
import {
  DAY_RANGES,
  TYPE_CATEGORY_OF,
  closureCostCents,
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

/** A buyer's findings in the period; its late closures graded by Cuadro Nro. 03 and 04. */
export interface ClosureAgentRow {
  agent: AgentInfo;
  /** CERRADO on a later Lima day than the day it was due */
  lateClosed: number;
  /** of lateClosed: closed before the descarga was declared, counted from the sale or dispatch */
  lateClosedFromSale: number;
  /** RECHAZADO on a later Lima day than the day the buyer learned the product would not arrive */
  lateRejected: number;
  rejectionDaysLate: number;
  /** POR CERRAR since a day of the period for longer than the threshold: neither closed nor rejected */
  unclosed: number;
  /** the graded orders: the late closures */
  orders: number;
  /** days late of the late closures */
  totalDaysLate: number;
  /** late closures per day range (DAY_RANGES) */
  daysDistribution: number[];
  /** Cuadro Nro. 03 row and column; null without late closures (nothing to grade) */
  orderRange: number | null;
  dayRange: number | null;
  category: TypeCategory;
  factorHundredths: number;
  partialCents: number;
  costCents: number;
}

/** A seller whose trucks an inspector saw unloading while the order read SOLICITADO (seed 001). */
export interface ConstatacionAgentRow {
  agent: AgentInfo;
  constataciones: number;
  /** distinct orders: each is one offence, priced at seed 001's avoided cost */
  orders: number;
  latestObservedAt: Date;
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
  /** the Lima day the report was made */
  today: LimaDay;
  generatedAt: Date;
  summary: {
    lateClosed: number;
    lateClosedFromSale: number;
    lateRejected: number;
    unclosed: number;
    /** orders seen unloading while SOLICITADO */
    constatadas: number;
    unattended: number;
    buyers: number;
    constatadoSellers: number;
    sellers: number;
    totalDaysLate: number;
    closureCostCents: number;
    constatacionCostCents: number;
    unattendedCostCents: number;
  };
  /** most expensive first */
  buyers: ClosureAgentRow[];
  constatadoSellers: ConstatacionAgentRow[];
  sellers: UnattendedAgentRow[];
}

export const LATE_KINDS = ["cerradas", "rechazos", "sin-cierre", "constatadas", "solicitadas"] as const;
export type LateKind = (typeof LATE_KINDS)[number];

export const LATE_KIND_LABELS: Record<LateKind, string> = {
  cerradas: "Cerradas fuera de plazo",
  rechazos: "Rechazadas fuera de plazo",
  "sin-cierre": "POR CERRAR sin cierre ni rechazo",
  constatadas: "SOLICITADO constatado descargando",
  solicitadas: "SOLICITADO sin atender (plazo en horas)",
};

/** The instant before which an order POR CERRAR has waited longer than the threshold. */
export function unclosedSince(params: ComplianceParams, now: Date): Date {
  return new Date(now.getTime() - params.unclosedDays * 86_400_000);
}

/** When the constataciones that are findings were seen: the period's Lima days, start inclusive, end exclusive. */
function constatadasSeen(params: ComplianceParams): { from: Date; to: Date } {
  return { from: startOfLimaDay(params.from), to: endOfLimaDay(params.to) };
}

/** The constataciones that are findings: a truck unloading while its order read SOLICITADO, seen in the period. */
export function constatadasWhere(params: ComplianceParams, agentId?: number): Prisma.ConstatacionWhereInput {
  const seen = constatadasSeen(params);
  return {
    activity: "DESCARGANDO",
    orderState: "SOLICITADO",
    observedAt: { gte: seen.from, lt: seen.to },
    ...(agentId ? { order: { sellerId: agentId } } : {}),
  };
}

/** The kinds that are orders ("constatadas" are constataciones: see constatadasWhere). */
type LateOrderKind = Exclude<LateKind, "constatadas">;

/** What makes an order of one kind late in the period: written once, read as Prisma's where and as SQL. */
interface LateBounds {
  state: OrderState;
  /** the day it was due (closeOrder's and rejectOrder's dueDay), inclusive */
  dueDay?: { from: LimaDay; to: LimaDay };
  /** the POR CERRAR day, inclusive */
  porCerrarDay?: { from: LimaDay; to: LimaDay };
  /** POR CERRAR since before this instant (exclusive): waiting longer than the threshold */
  porCerrarBefore?: Date;
  /** recorded after its day (days late > 0) */
  late?: true;
  /** requested at, from inclusive, to exclusive */
  requestedAt?: { from: Date; to: Date };
  /** the party it counts against */
  party: "buyerId" | "sellerId";
}

function lateBounds(kind: LateOrderKind, params: ComplianceParams, now: Date): LateBounds {
  switch (kind) {
    case "cerradas":
    case "rechazos":
      // closeOrder and rejectOrder write dueDay and the Lima calendar days from it to the act.
      return { state: kind === "cerradas" ? "CERRADO" : "RECHAZADO", dueDay: { from: params.from, to: params.to }, late: true, party: "buyerId" };
    case "sin-cierre":
      return { state: "POR_CERRAR", porCerrarDay: { from: params.from, to: params.to }, porCerrarBefore: unclosedSince(params, now), party: "buyerId" };
    case "solicitadas": {
      // Waiting strictly longer than the threshold; requested within the period.
      const threshold = new Date(now.getTime() - params.solicitadoHours * 3_600_000);
      const periodEnd = endOfLimaDay(params.to);
      return { state: "SOLICITADO", requestedAt: { from: startOfLimaDay(params.from), to: threshold < periodEnd ? threshold : periodEnd }, party: "sellerId" };
    }
  }
}

/** The orders of one kind that break the rules in the period, optionally of one agent. */
export function lateOrdersWhere(kind: LateOrderKind, params: ComplianceParams, now: Date, agentId?: number): Prisma.OrderWhereInput {
  const bounds = lateBounds(kind, params, now);
  return {
    state: bounds.state,
    ...(bounds.dueDay ? { dueDay: { gte: bounds.dueDay.from, lte: bounds.dueDay.to } } : {}),
    ...(bounds.porCerrarDay ? { porCerrarDay: { gte: bounds.porCerrarDay.from, lte: bounds.porCerrarDay.to } } : {}),
    ...(bounds.porCerrarBefore ? { porCerrarAt: { lt: bounds.porCerrarBefore } } : {}),
    ...(bounds.late ? { daysLate: { gt: 0 } } : {}),
    ...(bounds.requestedAt ? { requestedAt: { gte: bounds.requestedAt.from, lt: bounds.requestedAt.to } } : {}),
    ...(agentId ? { [bounds.party]: agentId } : {}),
  };
}

/** The same orders as a SQL condition on `orders o` (the state a constant, as the indexes' first column). */
function lateOrdersSql(kind: LateOrderKind, params: ComplianceParams, now: Date): Sql {
  const bounds = lateBounds(kind, params, now);
  const where = [sql`o.state = ${sql.raw(`'${bounds.state}'`)}`];
  if (bounds.dueDay) where.push(sql`o.due_day >= ${bounds.dueDay.from} AND o.due_day <= ${bounds.dueDay.to}`);
  if (bounds.porCerrarDay) where.push(sql`o.por_cerrar_day >= ${bounds.porCerrarDay.from} AND o.por_cerrar_day <= ${bounds.porCerrarDay.to}`);
  if (bounds.porCerrarBefore) where.push(sql`o.por_cerrar_at < ${bounds.porCerrarBefore}`);
  if (bounds.late) where.push(sql`o.days_late > 0`);
  if (bounds.requestedAt) where.push(sql`o.requested_at >= ${bounds.requestedAt.from} AND o.requested_at < ${bounds.requestedAt.to}`);
  return sql.join(where, " AND ");
}

/** An agent's registry data, joined to a per-agent aggregate `g` by its `agent_id`. */
const AGENT_COLUMNS = sql.raw(`a.id, a.business_name AS "businessName", a.ruc, a.registry_number AS "registryNumber", a.type, a.department`);

interface LateByBuyer extends AgentInfo {
  orders: number;
  days: number;
  /** of them, late counted from the sale or dispatch (closed before the descarga was declared) */
  fromSale: number;
  /** orders per day range */
  d0: number;
  d1: number;
  d2: number;
  d3: number;
}

/**
 * Late closures (or late rejections) per buyer with its registry data, in one statement. Portable
 * SQL: the aggregate is a derived table (SQLite then reads only the covering index and joins
 * agents by primary key), counts are CAST to INTEGER (PostgreSQL's COUNT and SUM are bigint),
 * aliases are double-quoted.
 */
function lateByBuyer(tx: SqlStatements, kind: "cerradas" | "rechazos", params: ComplianceParams, now: Date): Promise<LateByBuyer[]> {
  const [upTo2, upTo5, upTo10] = DAY_RANGES.map((range) => range.max);
  return tx.all<LateByBuyer>(sql`
    SELECT ${AGENT_COLUMNS}, g.orders, g.days, g."fromSale", g.d0, g.d1, g.d2, g.d3
    FROM (SELECT o.buyer_id AS agent_id,
                 CAST(COUNT(*) AS INTEGER) AS orders,
                 CAST(SUM(o.days_late) AS INTEGER) AS days,
                 CAST(SUM(CASE WHEN o.lateness_basis = 'VENTA_DESPACHO' THEN 1 ELSE 0 END) AS INTEGER) AS "fromSale",
                 CAST(SUM(CASE WHEN o.days_late <= ${upTo2} THEN 1 ELSE 0 END) AS INTEGER) AS d0,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo2} AND o.days_late <= ${upTo5} THEN 1 ELSE 0 END) AS INTEGER) AS d1,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo5} AND o.days_late <= ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d2,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d3
          FROM orders o
          WHERE ${lateOrdersSql(kind, params, now)}
          GROUP BY o.buyer_id) g
    JOIN agents a ON a.id = g.agent_id`);
}

/** Orders POR CERRAR longer than the threshold with neither closure nor rejection, per buyer. */
function unclosedByBuyer(tx: SqlStatements, params: ComplianceParams, now: Date): Promise<(AgentInfo & { orders: number })[]> {
  return tx.all(sql`
    SELECT ${AGENT_COLUMNS}, g.orders
    FROM (SELECT o.buyer_id AS agent_id, CAST(COUNT(*) AS INTEGER) AS orders
          FROM orders o
          WHERE ${lateOrdersSql("sin-cierre", params, now)}
          GROUP BY o.buyer_id) g
    JOIN agents a ON a.id = g.agent_id`);
}

/** Constataciones of a truck unloading while its order read SOLICITADO, per seller: how many, of how many orders, the latest. */
function constatadasBySeller(
  tx: SqlStatements,
  params: ComplianceParams,
): Promise<(AgentInfo & { constataciones: number; orders: number; latest: unknown })[]> {
  const seen = constatadasSeen(params);
  return tx.all(sql`
    SELECT ${AGENT_COLUMNS}, g.constataciones, g.orders, g.latest
    FROM (SELECT o.seller_id AS agent_id, CAST(COUNT(*) AS INTEGER) AS constataciones,
                 CAST(COUNT(DISTINCT c.order_id) AS INTEGER) AS orders, MAX(c.observed_at) AS latest
          FROM constataciones c JOIN orders o ON o.id = c.order_id
          WHERE c.activity = 'DESCARGANDO' AND c.order_state = 'SOLICITADO' AND c.observed_at >= ${seen.from} AND c.observed_at < ${seen.to}
          GROUP BY o.seller_id) g
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
  const { closed, rejected, unclosed, constatadas, unattended } = await db.sql.snapshot(async (tx) => ({
    closed: await lateByBuyer(tx, "cerradas", params, now),
    rejected: await lateByBuyer(tx, "rechazos", params, now),
    unclosed: await unclosedByBuyer(tx, params, now),
    constatadas: await constatadasBySeller(tx, params),
    unattended: await unattendedBySeller(tx, params, now),
  }));

  const agents = new Map<number, AgentInfo>(
    [...closed, ...rejected, ...unclosed, ...constatadas, ...unattended].map((row) => [Number(row.id), agentOf(row)]),
  );

  type Tally = Pick<ClosureAgentRow, "lateClosed" | "lateClosedFromSale" | "lateRejected" | "rejectionDaysLate" | "unclosed" | "totalDaysLate" | "daysDistribution">;
  const tallies = new Map<number, Tally>();
  const tallyOf = (buyerId: number) => {
    let entry = tallies.get(buyerId);
    if (!entry) {
      entry = { lateClosed: 0, lateClosedFromSale: 0, lateRejected: 0, rejectionDaysLate: 0, unclosed: 0, totalDaysLate: 0, daysDistribution: DAY_RANGES.map(() => 0) };
      tallies.set(buyerId, entry);
    }
    return entry;
  };
  for (const row of closed) {
    const entry = tallyOf(Number(row.id));
    entry.lateClosed = Number(row.orders);
    entry.lateClosedFromSale = Number(row.fromSale);
    entry.totalDaysLate = Number(row.days);
    entry.daysDistribution = [row.d0, row.d1, row.d2, row.d3].map(Number);
  }
  for (const row of rejected) {
    const entry = tallyOf(Number(row.id));
    entry.lateRejected = Number(row.orders);
    entry.rejectionDaysLate = Number(row.days);
  }
  for (const group of unclosed) tallyOf(Number(group.id)).unclosed = Number(group.orders);

  const buyers: ClosureAgentRow[] = [...tallies].map(([buyerId, entry]) => {
    const agent = agents.get(buyerId)!;
    const orders = entry.lateClosed;
    const category = TYPE_CATEGORY_OF[agent.type];
    const factorHundredths = params.factorHundredths[category];
    if (orders === 0) return { agent, ...entry, orders, orderRange: null, dayRange: null, category, factorHundredths, partialCents: 0, costCents: 0 };
    const orderRange = orderRangeIndex(orders);
    const dayRange = meanDayRangeIndex(entry.totalDaysLate, orders);
    const partialCents = params.costCents[orderRange][dayRange];
    return { agent, ...entry, orders, orderRange, dayRange, category, factorHundredths, partialCents, costCents: closureCostCents(partialCents, factorHundredths) };
  });
  const findings = (row: ClosureAgentRow) => row.lateClosed + row.lateRejected + row.unclosed;
  buyers.sort((a, b) => b.costCents - a.costCents || findings(b) - findings(a) || a.agent.businessName.localeCompare(b.agent.businessName, "es"));

  const constatadoSellers: ConstatacionAgentRow[] = constatadas.map((group) => ({
    agent: agents.get(Number(group.id))!,
    constataciones: Number(group.constataciones),
    orders: Number(group.orders),
    latestObservedAt: fromSqlDate(group.latest),
    costCents: Number(group.orders) * params.solicitadoCostCents,
  }));
  constatadoSellers.sort((a, b) => b.orders - a.orders || b.latestObservedAt.getTime() - a.latestObservedAt.getTime());

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
      lateClosedFromSale: sum(buyers, (row) => row.lateClosedFromSale),
      lateRejected: sum(buyers, (row) => row.lateRejected),
      unclosed: sum(buyers, (row) => row.unclosed),
      constatadas: sum(constatadoSellers, (row) => row.orders),
      unattended: sum(sellers, (row) => row.orders),
      buyers: buyers.length,
      constatadoSellers: constatadoSellers.length,
      sellers: sellers.length,
      totalDaysLate: sum(buyers, (row) => row.totalDaysLate),
      closureCostCents: sum(buyers, (row) => row.costCents),
      constatacionCostCents: sum(constatadoSellers, (row) => row.costCents),
      unattendedCostCents: sum(sellers, (row) => row.costCents),
    },
    buyers,
    constatadoSellers,
    sellers,
  };
}
