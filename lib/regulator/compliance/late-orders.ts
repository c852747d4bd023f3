/**
 * The orders behind the report, one kind at a time: a page for the screen, or every one of them,
 * in batches, for the exports.
 */
import type { Tx } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { limaDay, type LimaDay } from "@/lib/time";
import type { ComplianceParams } from "./parameters";
import { constatadasWhere, lateOrdersWhere, type LateKind } from "./report";

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
  dueDay: true,
  daysLate: true,
  latenessBasis: true,
  buyer: party,
  seller: party,
} as const satisfies Prisma.OrderSelect;

type Row = Prisma.OrderGetPayload<{ select: typeof lateOrderSelect }>;

export interface SeenUnloading {
  id: number;
  observedAt: Date;
  place: string;
  plate: string;
}

export interface LateOrder extends Omit<Row, "daysLate"> {
  kind: LateKind;
  /** Lima days late from dueDay to the closure or rejection; null for the other kinds */
  daysLate: number | null;
  /** whole days (24 h) waiting since it reached POR CERRAR, for "sin cierre ni rechazo" */
  daysWaiting: number | null;
  /** hours waiting since it was requested, for SOLICITADO */
  hoursWaiting: number | null;
  /** the constatación, for "constatadas" (one row per constatación) */
  constatacion: SeenUnloading | null;
}

const ORDER_BY: Record<Exclude<LateKind, "constatadas">, Prisma.OrderOrderByWithRelationInput[]> = {
  cerradas: [{ dueDay: "asc" }, { id: "asc" }],
  rechazos: [{ dueDay: "asc" }, { id: "asc" }],
  "sin-cierre": [{ porCerrarDay: "asc" }, { id: "asc" }],
  solicitadas: [{ requestedAt: "asc" }, { id: "asc" }],
};

const HOUR = 3_600_000;

function toLateOrder(kind: LateKind, row: Row, now: Date, constatacion: SeenUnloading | null = null): LateOrder {
  return {
    ...row,
    kind,
    daysLate: kind === "cerradas" || kind === "rechazos" ? row.daysLate : null,
    daysWaiting: kind === "sin-cierre" && row.porCerrarAt ? Math.floor((now.getTime() - row.porCerrarAt.getTime()) / (24 * HOUR)) : null,
    hoursWaiting: kind === "solicitadas" ? Math.floor((now.getTime() - row.requestedAt.getTime()) / HOUR) : null,
    constatacion,
  };
}

const constatacionSelect = { id: true, observedAt: true, place: true, plate: true, order: { select: lateOrderSelect } } as const;
type ConstatacionRow = Prisma.ConstatacionGetPayload<{ select: typeof constatacionSelect }>;
const fromConstatacion = (row: ConstatacionRow, now: Date) =>
  toLateOrder("constatadas", row.order, now, { id: row.id, observedAt: row.observedAt, place: row.place, plate: row.plate });

export async function lateOrdersPage(
  tx: Tx,
  params: ComplianceParams,
  now: Date,
  kind: LateKind,
  page: number,
  pageSize: number,
  agentId?: number,
): Promise<{ total: number; orders: LateOrder[] }> {
  if (kind === "constatadas") {
    const where = constatadasWhere(params, agentId);
    const total = await tx.constatacion.count({ where });
    const rows = await tx.constatacion.findMany({ where, select: constatacionSelect, orderBy: [{ observedAt: "asc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize });
    return { total, orders: rows.map((row) => fromConstatacion(row, now)) };
  }
  const where = lateOrdersWhere(kind, params, now, agentId);
  const total = await tx.order.count({ where });
  const rows = await tx.order.findMany({ where, select: lateOrderSelect, orderBy: ORDER_BY[kind], skip: (page - 1) * pageSize, take: pageSize });
  return { total, orders: rows.map((row) => toLateOrder(kind, row, now)) };
}

const BATCH = 2_000;

/** Each Lima day from `from` to `to`, inclusive. */
function* daysOf(from: LimaDay, to: LimaDay): Generator<LimaDay> {
  const date = new Date(`${from}T00:00:00Z`);
  for (let day = from; day <= to; date.setUTCDate(date.getUTCDate() + 1), day = date.toISOString().slice(0, 10)) yield day;
}

/**
 * Every late order of every kind, for the exports. The day-indexed kinds are read one Lima day at
 * a time (an equality on the [state, dueDay, …] or [state, porCerrarDay, …] index; ordering the
 * whole period by id would let the engine walk the primary key of the entire table instead), in id
 * batches within a day.
 */
export async function* allLateOrders(run: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>, params: ComplianceParams, now: Date): AsyncGenerator<LateOrder> {
  const today = limaDay(now);
  const batches = async function* (kind: LateKind, where: Prisma.OrderWhereInput) {
    let after = 0;
    for (;;) {
      const rows = await run((tx) => tx.order.findMany({ where: { AND: [where, { id: { gt: after } }] }, select: lateOrderSelect, orderBy: { id: "asc" }, take: BATCH }));
      for (const row of rows) yield toLateOrder(kind, row, now);
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].id;
    }
  };
  const lastDay = params.to < today ? params.to : today;
  for (const kind of ["cerradas", "rechazos"] as const) {
    for (const day of daysOf(params.from, lastDay)) yield* batches(kind, { AND: [lateOrdersWhere(kind, params, now), { dueDay: day }] });
  }
  for (const day of daysOf(params.from, lastDay)) yield* batches("sin-cierre", { AND: [lateOrdersWhere("sin-cierre", params, now), { porCerrarDay: day }] });
  // Constataciones are few (inspectors' visits): pages in observation order.
  for (let page = 0; ; page++) {
    const rows = await run((tx) =>
      tx.constatacion.findMany({ where: constatadasWhere(params), select: constatacionSelect, orderBy: [{ observedAt: "asc" }, { id: "asc" }], skip: page * BATCH, take: BATCH }),
    );
    for (const row of rows) yield fromConstatacion(row, now);
    if (rows.length < BATCH) break;
  }
  // Orders left SOLICITADO are few (the state does not last): pages in the [state, requestedAt] order.
  for (let page = 0; ; page++) {
    const rows = await run((tx) =>
      tx.order.findMany({ where: lateOrdersWhere("solicitadas", params, now), select: lateOrderSelect, orderBy: ORDER_BY.solicitadas, skip: page * BATCH, take: BATCH }),
    );
    for (const row of rows) yield toLateOrder("solicitadas", row, now);
    if (rows.length < BATCH) return;
  }
}
