/**
 * The orders a plate carried — a lot sold on it, or dispatched on it in the sale's place — read
 * from the lots' (plate, order_id) indexes: a truck's lots are a few hundred a year, so a plate
 * filter starts from them and never walks the nationwide date index looking for the plate (what a
 * relation filter, `lots: { some: … }`, makes the planner do).
 */
import { fromSqlDate, sql, type SqlStatements } from "@/lib/db/sql";

/** A truck's orders over many years stay well under this; beyond it the oldest are left out. */
export const MAX_PLATE_ORDERS = 20_000;
/** Ids bound per query: SQLite, through Prisma, takes fewer than 1,000 parameters. */
const CHUNK = 500;

export interface OrderKey {
  id: number;
  requestedAt: Date;
}

/** The plate's orders, newest first by (requested_at, id) — the order of every list that pages them. */
export async function plateOrderKeys(db: SqlStatements, plate: string): Promise<OrderKey[]> {
  const rows = await db.all<{ id: number | bigint; requestedAt: unknown }>(sql`
    SELECT o.id, o.requested_at AS "requestedAt" FROM orders o
    WHERE o.id IN (SELECT order_id FROM lots WHERE plate = ${plate} UNION SELECT order_id FROM lots WHERE dispatched_plate = ${plate})
    ORDER BY o.requested_at DESC, o.id DESC
    LIMIT ${MAX_PLATE_ORDERS}`);
  return rows.map((row) => ({ id: Number(row.id), requestedAt: fromSqlDate(row.requestedAt) }));
}

/** The keys after `cursor` in (requested_at, id) order, descending or ascending. */
export function keysAfter(keys: OrderKey[], cursor: { requestedAt: Date; id: number } | null | undefined, descending: boolean): OrderKey[] {
  const ordered = descending ? keys : [...keys].reverse();
  if (!cursor) return ordered;
  const at = cursor.requestedAt.getTime();
  return ordered.filter((key) => {
    const t = key.requestedAt.getTime();
    return descending ? t < at || (t === at && key.id < cursor.id) : t > at || (t === at && key.id > cursor.id);
  });
}

/**
 * The first `take` rows that `fetch` finds among `ids`, keeping the ids' order: `fetch` gets the
 * ids a chunk at a time (each its own query, with whatever other conditions and the same sort)
 * until enough rows are found.
 */
export async function firstAmong<T>(ids: number[], take: number, fetch: (ids: number[], take: number) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < ids.length && found.length < take; start += CHUNK) {
    found.push(...(await fetch(ids.slice(start, start + CHUNK), take - found.length)));
  }
  return found;
}
