/**
 * The user's own lists ("Orden de Pedido", "Anulación", "Órdenes por Atender", "Despachos por
 * Registrar") page by page, newest first, by keyset on (requested_at, id) as Movimientos does:
 * every page is one indexed range scan, however many orders the agent has.
 */
import { decodeCursor, encodeCursor } from "@/lib/regulator/order-search";
import type { Actor } from "./context";
import { PAGE_SIZE, listOrdersFor, type ListDatabase, type OrderFilter, type OrderSummary } from "./queries";

export interface OrderPage {
  orders: OrderSummary[];
  /** the cursor of the next page, or null on the last one */
  next: string | null;
}

/** One page of `viewer`'s orders matching `filter`, after `cursor` (a value from the URL; anything else means the first page). */
export async function orderPageFor(db: ListDatabase, viewer: Actor, filter: Omit<OrderFilter, "after">, cursor: string | undefined, pageSize = PAGE_SIZE): Promise<OrderPage> {
  const after = decodeCursor(cursor) ?? undefined;
  const rows = await listOrdersFor(db, viewer, { ...filter, after }, pageSize + 1);
  const orders = rows.slice(0, pageSize);
  return { orders, next: rows.length > pageSize ? encodeCursor(orders[orders.length - 1]) : null };
}
