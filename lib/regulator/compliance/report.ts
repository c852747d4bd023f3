/**
 * The compliance report ("Cumplimiento"): who broke the SCOP's timing rules in a period, graded as
 * seed 003 grades them. The database does the counting (GROUP BY on the [state, dueDay, daysLate,
 * buyerId, latenessBasis] and [state, porCerrarDay, buyerId] indexes); only the per-agent groups, a
 * few thousand at most, come back to be graded here. The late closures and rejections, the bulk of
 * it (tens of thousands of orders a month nationwide), are one SQL statement written for both
 * engines; the small rest goes through Prisma.
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
import type { Tx } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";
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

const agentSelect = { id: true, businessName: true, ruc: true, registryNumber: true, type: true, department: true } as const;

/** The instant before which an order POR CERRAR has waited longer than the threshold. */
export function unclosedSince(params: ComplianceParams, now: Date): Date {
  return new Date(now.getTime() - params.unclosedDays * 86_400_000);
}

/** The constataciones that are findings: a truck unloading while its order read SOLICITADO, seen in the period. */
export function constatadasWhere(params: ComplianceParams, agentId?: number): Prisma.ConstatacionWhereInput {
  return {
    activity: "DESCARGANDO",
    orderState: "SOLICITADO",
    observedAt: { gte: startOfLimaDay(params.from), lt: endOfLimaDay(params.to) },
    ...(agentId ? { order: { sellerId: agentId } } : {}),
  };
}

/** The orders of one kind that break the rules in the period, optionally of one agent ("constatadas": see constatadasWhere). */
export function lateOrdersWhere(kind: Exclude<LateKind, "constatadas">, params: ComplianceParams, now: Date, agentId?: number): Prisma.OrderWhereInput {
  switch (kind) {
    case "cerradas":
    case "rechazos":
      // closeOrder and rejectOrder write dueDay and the Lima calendar days from it to the act.
      return {
        state: kind === "cerradas" ? "CERRADO" : "RECHAZADO",
        dueDay: { gte: params.from, lte: params.to },
        daysLate: { gt: 0 },
        ...(agentId ? { buyerId: agentId } : {}),
      };
    case "sin-cierre":
      return {
        state: "POR_CERRAR",
        porCerrarDay: { gte: params.from, lte: params.to },
        porCerrarAt: { lt: unclosedSince(params, now) },
        ...(agentId ? { buyerId: agentId } : {}),
      };
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

interface LateByBuyer extends AgentInfo {
  state: "CERRADO" | "RECHAZADO";
  orders: number;
  days: number;
  fromSale: number;
  /** orders per day range */
  d0: number;
  d1: number;
  d2: number;
  d3: number;
}

/**
 * Late closures and late rejections per buyer with its registry data, in one statement. Portable
 * SQL: the aggregate is a derived table (SQLite then reads only the covering index and joins
 * agents by primary key), counts are CAST to INTEGER (PostgreSQL's COUNT and SUM are bigint),
 * aliases are double-quoted. The same conditions as lateOrdersWhere("cerradas" / "rechazos"),
 * which the lists and the exports use.
 */
function lateByBuyer(tx: Tx, params: ComplianceParams): Promise<LateByBuyer[]> {
  const [upTo2, upTo5, upTo10] = DAY_RANGES.map((range) => range.max);
  return tx.$queryRaw<LateByBuyer[]>`
    SELECT a.id, a.business_name AS "businessName", a.ruc, a.registry_number AS "registryNumber", a.type, a.department,
           g.state, g.orders, g.days, g."fromSale", g.d0, g.d1, g.d2, g.d3
    FROM (SELECT o.buyer_id, o.state,
                 CAST(COUNT(*) AS INTEGER) AS orders,
                 CAST(SUM(o.days_late) AS INTEGER) AS days,
                 CAST(SUM(CASE WHEN o.lateness_basis = 'VENTA_DESPACHO' THEN 1 ELSE 0 END) AS INTEGER) AS "fromSale",
                 CAST(SUM(CASE WHEN o.days_late <= ${upTo2} THEN 1 ELSE 0 END) AS INTEGER) AS d0,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo2} AND o.days_late <= ${upTo5} THEN 1 ELSE 0 END) AS INTEGER) AS d1,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo5} AND o.days_late <= ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d2,
                 CAST(SUM(CASE WHEN o.days_late > ${upTo10} THEN 1 ELSE 0 END) AS INTEGER) AS d3
          FROM orders o
          WHERE o.state IN ('CERRADO', 'RECHAZADO') AND o.due_day >= ${params.from} AND o.due_day <= ${params.to} AND o.days_late > 0
          GROUP BY o.buyer_id, o.state) g
    JOIN agents a ON a.id = g.buyer_id`;
}

export async function complianceReport(tx: Tx, params: ComplianceParams, now: Date): Promise<ComplianceReport> {
  const late = await lateByBuyer(tx, params);
  const unclosed = await tx.order.groupBy({
    by: ["buyerId"],
    where: lateOrdersWhere("sin-cierre", params, now),
    _count: { _all: true },
  });
  const constatadas = await tx.constatacion.findMany({
    where: constatadasWhere(params),
    select: { orderId: true, observedAt: true, order: { select: { sellerId: true } } },
  });
  const unattended = await tx.order.groupBy({
    by: ["sellerId"],
    where: lateOrdersWhere("solicitadas", params, now),
    _count: { _all: true },
    _min: { requestedAt: true },
  });

  const agents = new Map<number, AgentInfo>(
    late.map(({ id, businessName, ruc, registryNumber, type, department }) => [Number(id), { id: Number(id), businessName, ruc, registryNumber, type, department }]),
  );
  const missing = [
    ...new Set([...unclosed.map((g) => g.buyerId), ...constatadas.map((c) => c.order.sellerId), ...unattended.map((g) => g.sellerId)]),
  ].filter((id) => !agents.has(id));
  for (const agent of await tx.agent.findMany({ where: { id: { in: missing } }, select: agentSelect })) agents.set(agent.id, agent as AgentInfo);

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
  for (const row of late) {
    const entry = tallyOf(Number(row.id));
    if (row.state === "CERRADO") {
      entry.lateClosed = Number(row.orders);
      entry.lateClosedFromSale = Number(row.fromSale);
      entry.totalDaysLate = Number(row.days);
      entry.daysDistribution = [row.d0, row.d1, row.d2, row.d3].map(Number);
    } else {
      entry.lateRejected = Number(row.orders);
      entry.rejectionDaysLate = Number(row.days);
    }
  }
  for (const group of unclosed) tallyOf(group.buyerId).unclosed = group._count._all;

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

  const bySeller = new Map<number, { constataciones: number; orders: Set<number>; latest: Date }>();
  for (const seen of constatadas) {
    const entry = bySeller.get(seen.order.sellerId) ?? { constataciones: 0, orders: new Set<number>(), latest: seen.observedAt };
    entry.constataciones++;
    entry.orders.add(seen.orderId);
    if (seen.observedAt > entry.latest) entry.latest = seen.observedAt;
    bySeller.set(seen.order.sellerId, entry);
  }
  const constatadoSellers: ConstatacionAgentRow[] = [...bySeller].map(([sellerId, entry]) => ({
    agent: agents.get(sellerId)!,
    constataciones: entry.constataciones,
    orders: entry.orders.size,
    latestObservedAt: entry.latest,
    costCents: entry.orders.size * params.solicitadoCostCents,
  }));
  constatadoSellers.sort((a, b) => b.orders - a.orders || b.latestObservedAt.getTime() - a.latestObservedAt.getTime());

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
    today: limaDay(now),
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
