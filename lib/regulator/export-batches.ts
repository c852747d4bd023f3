/**
 * The whole filtered result of "Movimientos", batch by batch along the keyset order: each batch
 * is one short indexed range scan in its own transaction, so an export of a million orders never
 * holds the database nor more than one batch in memory.
 */
import type { Database, Tx } from "@/lib/db/database";
import { Prisma } from "@/lib/generated/sqlite/client";
import type { OrderFilter } from "./order-filter";
import { keysetQuery, orderQuery, type Cursor, type OrderQuery } from "./order-search";

export const EXPORT_BATCH = 2_000;

/** One exported order: just the columns of the files, with its parties' names. */
export interface ExportRow {
  id: number;
  code: string;
  state: string;
  flow: string;
  requestedAt: Date;
  soldAt: Date | null;
  dispatchedAt: Date | null;
  porCerrarAt: Date | null;
  endedAt: Date | null;
  /** hundredths of a gallon */
  requestedVolume: number;
  daysLate: number | null;
  buyerName: string;
  buyerRuc: string;
  buyerType: string;
  sellerName: string;
  sellerRuc: string;
  plantName: string | null;
}

export async function countOrders(db: Database, filter: OrderFilter): Promise<number> {
  return db.transaction(async (tx) => tx.order.count({ where: (await orderQuery(tx, filter)).where }));
}

type RawRow = Omit<ExportRow, "id" | "requestedVolume" | "daysLate"> & { id: number | bigint; requestedVolume: number | bigint; daysLate: number | bigint | null };

/**
 * One batch: the keys from the same query as the page (Prisma, all filters), then the rows in
 * one joined SELECT. Building a million Prisma objects with their included agents costs several
 * times more than reading these few columns.
 */
async function batchAfter(tx: Tx, query: OrderQuery, filter: OrderFilter, cursor: Cursor | null, size: number): Promise<ExportRow[]> {
  const keys = await tx.order.findMany({ ...keysetQuery(query, filter, cursor), select: { id: true }, take: size });
  if (keys.length === 0) return [];
  const rows = await tx.$queryRaw<RawRow[]>`
    SELECT o.id, o.code, o.state, o.flow, o.requested_at AS "requestedAt", o.sold_at AS "soldAt",
           o.dispatched_at AS "dispatchedAt", o.por_cerrar_at AS "porCerrarAt", o.ended_at AS "endedAt",
           o.requested_volume AS "requestedVolume", o.days_late AS "daysLate",
           b.business_name AS "buyerName", b.ruc AS "buyerRuc", b.type AS "buyerType",
           s.business_name AS "sellerName", s.ruc AS "sellerRuc", p.business_name AS "plantName"
    FROM orders o
    JOIN agents b ON b.id = o.buyer_id
    JOIN agents s ON s.id = o.seller_id
    LEFT JOIN agents p ON p.id = o.plant_id
    WHERE o.id IN (${Prisma.join(keys.map((key) => key.id))})`;
  const byId = new Map(
    rows.map((row) => [
      Number(row.id),
      { ...row, id: Number(row.id), requestedVolume: Number(row.requestedVolume), daysLate: row.daysLate === null ? null : Number(row.daysLate) },
    ]),
  );
  // In the keys' order: IN (…) returns rows in whatever order the database likes.
  return keys.map((key) => byId.get(key.id)!);
}

export async function* orderBatches(db: Database, filter: OrderFilter, batch = EXPORT_BATCH): AsyncGenerator<ExportRow[]> {
  // The filter's shape is decided once (see orderQuery); every batch reuses it.
  const query = await db.transaction((tx) => orderQuery(tx, filter));
  let cursor: Cursor | null = null;
  for (;;) {
    const after: Cursor | null = cursor;
    const rows: ExportRow[] = await db.transaction((tx) => batchAfter(tx, query, filter, after, batch));
    if (rows.length > 0) yield rows;
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    cursor = { requestedAt: last.requestedAt, id: last.id };
  }
}
