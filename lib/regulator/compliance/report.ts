/**
 * The compliance report ("Cumplimiento"): who broke the SCOP's timing rules in a period, graded as
 * seed 003 grades them. The database does the counting (GROUP BY on the [state, porCerrarDay,
 * daysLate, buyerId] and [state, requestedAt] indexes); only the per-agent groups, a few thousand
 * at most, come back to be graded here. The late closures, the bulk of it (tens of thousands of
 * orders a month nationwide), are one SQL statement written for both engines; the small rest goes
 * through Prisma's groupBy.
 *
 * Who answers for what:
 * - A late closure, and an order still POR CERRAR after its day, is the buyer's: DESIGN.md gives
 *   the closure to the buyer, and seeds 002 and 003 sanction the receiving establishment (Grifo
 *   Los Tumpis, Servicentro Nueva Kalifornia) for closing days after the product arrived.
 * - An order left SOLICITADO is the seller's: only the chosen seller can take it out of SOLICITADO
 *   (DESIGN.md: "vender ... the chosen seller"), and seed 001 sanctions the seller, the Distribuidor
 *   a Granel HYTEK AUTOGAS, whose order still read SOLICITADO while its truck was unloading.
 */
import type { Tx } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";
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

const agentSelect = { id: true, businessName: true, ruc: true, registryNumber: true, type: true, department: true } as const;

function previousDay(day: LimaDay): LimaDay {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** The orders of one kind that break the rules in the period, optionally of one agent. */
export function lateOrdersWhere(kind: LateKind, params: ComplianceParams, now: Date, agentId?: number): Prisma.OrderWhereInput {
  const today = limaDay(now);
  switch (kind) {
    case "cerradas":
      // daysLate is written by closeOrder as the Lima calendar days from porCerrarDay to the closure.
      return { state: "CERRADO", porCerrarDay: { gte: params.from, lte: params.to }, daysLate: { gt: 0 }, ...(agentId ? { buyerId: agentId } : {}) };
    case "por-cerrar": {
      const last = params.to < today ? params.to : previousDay(today);
      return { state: "POR_CERRAR", porCerrarDay: { gte: params.from, lte: last }, ...(agentId ? { buyerId: agentId } : {}) };
    }
    case "solicitadas": {
      // Waiting strictly longer than the threshold; requested within the period.
      const threshold = new Date(now.getTime() - params.solicitadoHours * 3_600_000);
      const periodEnd = endOfLimaDay(params.to);
      return {
        state: "SOLICITADO",
        requestedAt: { gte: startOfLimaDay(params.from), lt: threshold < periodEnd ? threshold : periodEnd },
        ...(agentId ? { sellerId: agentId } : {}),
      };
    }
  }
}

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
 * The same conditions as lateOrdersWhere("cerradas"), which the lists and the exports use.
 */
function closedByBuyer(tx: Tx, params: ComplianceParams): Promise<ClosedByBuyer[]> {
  const [upTo2, upTo5, upTo10] = DAY_RANGES.map((range) => range.max);
  return tx.$queryRaw<ClosedByBuyer[]>`
    SELECT a.id, a.business_name AS "businessName", a.ruc, a.registry_number AS "registryNumber", a.type, a.department,
           g.orders, g.days, g.d0, g.d1, g.d2, g.d3
    FROM (SELECT o.buyer_id,
                 CAST(COUNT(*) AS INTEGER) AS orders,
                 CAST(SUM(o.days_late) AS INTEGER) AS days,
                 CAST(SUM(CASE WHEN o.days_late <= ${upTo2} THEN 1 ELSE 0 END) AS INTEGER) AS d0,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo2} AND o.days_late <= ${upTo5} THEN 1 ELSE 0 END) AS INTEGER) AS d1,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo5} AND o.days_late <= ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d2,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d3
          FROM orders o
          WHERE o.state = 'CERRADO' AND o.por_cerrar_day >= ${params.from} AND o.por_cerrar_day <= ${params.to} AND o.days_late > 0
          GROUP BY o.buyer_id) g
    JOIN agents a ON a.id = g.buyer_id`;
}

export async function complianceReport(tx: Tx, params: ComplianceParams, now: Date): Promise<ComplianceReport> {
  const today = limaDay(now);
  const closed = await closedByBuyer(tx, params);
  const open = await tx.order.groupBy({
    by: ["buyerId", "porCerrarDay"],
    where: lateOrdersWhere("por-cerrar", params, now),
    _count: { _all: true },
  });
  const unattended = await tx.order.groupBy({
    by: ["sellerId"],
    where: lateOrdersWhere("solicitadas", params, now),
    _count: { _all: true },
    _min: { requestedAt: true },
  });

  const agents = new Map<number, AgentInfo>(
    closed.map(({ id, businessName, ruc, registryNumber, type, department }) => [Number(id), { id: Number(id), businessName, ruc, registryNumber, type, department }]),
  );
  const missing = [...new Set([...open.map((g) => g.buyerId), ...unattended.map((g) => g.sellerId)])].filter((id) => !agents.has(id));
  for (const agent of await tx.agent.findMany({ where: { id: { in: missing } }, select: agentSelect })) agents.set(agent.id, agent as AgentInfo);

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
  for (const group of open) tallyOpen(group.buyerId, calendarDaysBetween(group.porCerrarDay ?? today, today), group._count._all);

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
    agent: agents.get(group.sellerId)!,
    orders: group._count._all,
    oldestRequestedAt: group._min.requestedAt!,
    orderRange: orderRangeIndex(group._count._all),
    costCents: group._count._all * params.solicitadoCostCents,
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
