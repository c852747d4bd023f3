/**
 * The whole filtered result of "Movimientos", batch by batch along the keyset order: each batch
 * is one short indexed range scan in its own transaction, so an export of a million orders never
 * holds the database nor more than one batch in memory.
 */
import type { Database } from "@/lib/db/database";
import type { OrderSummary } from "@/lib/orders/queries";
import type { OrderFilter } from "./order-filter";
import { orderQuery, searchOrders, type Cursor } from "./order-search";

export const EXPORT_BATCH = 2_000;

export async function countOrders(db: Database, filter: OrderFilter): Promise<number> {
  return db.transaction(async (tx) => tx.order.count({ where: (await orderQuery(tx, filter)).where }));
}

export async function* orderBatches(db: Database, filter: OrderFilter, batch = EXPORT_BATCH): AsyncGenerator<OrderSummary[]> {
  // The filter's shape is decided once (see orderQuery); every batch reuses it.
  const query = await db.transaction((tx) => orderQuery(tx, filter));
  let cursor: Cursor | null = null;
  for (;;) {
    const { orders } = await db.transaction((tx) => searchOrders(tx, filter, cursor, batch, query));
    if (orders.length > 0) yield orders;
    if (orders.length < batch) return;
    const last = orders[orders.length - 1];
    cursor = { requestedAt: last.requestedAt, id: last.id };
  }
}
