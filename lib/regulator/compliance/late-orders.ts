/**
 * The orders behind the report, one kind at a time: a page for the screen, or every one of them,
 * in batches, for the exports.
 */
import type { Tx } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { calendarDaysBetween, limaDay, type LimaDay } from "@/lib/time";
import type { ComplianceParams } from "./parameters";
import { lateOrdersWhere, type LateKind } from "./report";

const party = { select: { businessName: true, ruc: true } } as const;
const lateOrderSelect = {
  id: true,
  code: true,
  state: true,
  requestedVolume: true,
  requestedAt: true,
  porCerrarAt: true,
  porCerrarDay: true,
  endedAt: true,
  daysLate: true,
  buyer: party,
  seller: party,
} as const satisfies Prisma.OrderSelect;

type Row = Prisma.OrderGetPayload<{ select: typeof lateOrderSelect }>;

export interface LateOrder extends Omit<Row, "daysLate"> {
  kind: LateKind;
  /** Lima days late: to the closure (CERRADO) or to today (still POR CERRAR); null for SOLICITADO */
  daysLate: number | null;
  /** hours waiting since it was requested, for SOLICITADO */
  hoursWaiting: number | null;
}

const ORDER_BY: Record<LateKind, Prisma.OrderOrderByWithRelationInput[]> = {
  cerradas: [{ porCerrarDay: "asc" }, { id: "asc" }],
  "por-cerrar": [{ porCerrarDay: "asc" }, { id: "asc" }],
  solicitadas: [{ requestedAt: "asc" }, { id: "asc" }],
};

function toLateOrder(kind: LateKind, row: Row, now: Date, today: LimaDay): LateOrder {
  return {
    ...row,
    kind,
    daysLate: kind === "solicitadas" ? null : kind === "cerradas" ? row.daysLate : calendarDaysBetween(row.porCerrarDay!, today),
    hoursWaiting: kind === "solicitadas" ? Math.floor((now.getTime() - row.requestedAt.getTime()) / 3_600_000) : null,
  };
}

export async function lateOrdersPage(
  tx: Tx,
  params: ComplianceParams,
  now: Date,
  kind: LateKind,
  page: number,
  pageSize: number,
  agentId?: number,
): Promise<{ total: number; orders: LateOrder[] }> {
  const where = lateOrdersWhere(kind, params, now, agentId);
  const total = await tx.order.count({ where });
  const rows = await tx.order.findMany({ where, select: lateOrderSelect, orderBy: ORDER_BY[kind], skip: (page - 1) * pageSize, take: pageSize });
  const today = limaDay(now);
  return { total, orders: rows.map((row) => toLateOrder(kind, row, now, today)) };
}

const BATCH = 2_000;

/** Each Lima day from `from` to `to`, inclusive. */
function* daysOf(from: LimaDay, to: LimaDay): Generator<LimaDay> {
  const date = new Date(`${from}T00:00:00Z`);
  for (let day = from; day <= to; date.setUTCDate(date.getUTCDate() + 1), day = date.toISOString().slice(0, 10)) yield day;
}

/**
 * Every late order of every kind, for the exports. The closure kinds are read one Lima day at a
 * time (an equality on the [state, porCerrarDay, …] index; ordering the whole period by id would
 * let the engine walk the primary key of the entire table instead), in id batches within a day.
 */
export async function* allLateOrders(run: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>, params: ComplianceParams, now: Date): AsyncGenerator<LateOrder> {
  const today = limaDay(now);
  const batches = async function* (kind: LateKind, where: Prisma.OrderWhereInput) {
    let after = 0;
    for (;;) {
      const rows = await run((tx) => tx.order.findMany({ where: { AND: [where, { id: { gt: after } }] }, select: lateOrderSelect, orderBy: { id: "asc" }, take: BATCH }));
      for (const row of rows) yield toLateOrder(kind, row, now, today);
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].id;
    }
  };
  for (const kind of ["cerradas", "por-cerrar"] as const) {
    for (const day of daysOf(params.from, params.to < today ? params.to : today)) {
      yield* batches(kind, { AND: [lateOrdersWhere(kind, params, now), { porCerrarDay: day }] });
    }
  }
  // Orders left SOLICITADO are few (the state does not last): pages in the [state, requestedAt] order.
  for (let page = 0; ; page++) {
    const rows = await run((tx) =>
      tx.order.findMany({ where: lateOrdersWhere("solicitadas", params, now), select: lateOrderSelect, orderBy: ORDER_BY.solicitadas, skip: page * BATCH, take: BATCH }),
    );
    for (const row of rows) yield toLateOrder("solicitadas", row, now, today);
    if (rows.length < BATCH) return;
  }
}
