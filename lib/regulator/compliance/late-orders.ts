/**
 * The orders behind the report, one kind at a time: a page for the screen, or every one of them,
 * in batches, for the exports.
 */
import type { Tx } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { calendarDaysBetween, limaDay, type LimaDay } from "@/lib/time";
import type { ComplianceParams } from "./parameters";
import { LATE_KINDS, lateOrdersWhere, type LateKind } from "./report";

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

/** Every late order of every kind, batch by batch (keyset on id), for the exports. */
export async function* allLateOrders(run: <T>(work: (tx: Tx) => Promise<T>) => Promise<T>, params: ComplianceParams, now: Date): AsyncGenerator<LateOrder> {
  const today = limaDay(now);
  for (const kind of LATE_KINDS) {
    let after = 0;
    for (;;) {
      const rows = await run((tx) =>
        tx.order.findMany({ where: { AND: [lateOrdersWhere(kind, params, now), { id: { gt: after } }] }, select: lateOrderSelect, orderBy: { id: "asc" }, take: BATCH }),
      );
      for (const row of rows) yield toLateOrder(kind, row, now, today);
      if (rows.length < BATCH) break;
      after = rows[rows.length - 1].id;
    }
  }
}
