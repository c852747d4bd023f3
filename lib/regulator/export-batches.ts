/**
 * The whole filtered result of "Movimientos" for the exports: one SQL query (export-query.ts)
 * streamed by the driver in chunks (lib/db/read-stream.ts), so an export of a million orders
 * holds one chunk in memory and never holds the app's Prisma connection.
 */
import type { Database } from "@/lib/db/database";
import { readAll } from "@/lib/db/read-stream";
import { AGENTS_QUERY, agentsById, countQuery, exportQuery, exportRowOf, type ExportRow } from "./export-query";
import type { OrderFilter } from "./order-filter";

export type { ExportRow } from "./export-query";

/** Rows per chunk: a few milliseconds of work between turns of the event loop. */
export const EXPORT_CHUNK = 1_000;

export async function countOrders(db: Pick<Database, "streams">, filter: OrderFilter): Promise<number> {
  const [[n]] = await readAll(db.streams, countQuery(filter));
  return Number(n);
}

export function orderBatches(db: Pick<Database, "streams">, filter: OrderFilter, chunk = EXPORT_CHUNK): AsyncGenerator<ExportRow[]> {
  return db.streams.snapshot(async function* (session) {
    const agents = agentsById(await session.all(AGENTS_QUERY));
    for await (const rows of session.chunks(exportQuery(filter), chunk)) yield rows.map((row) => exportRowOf(row, agents));
  });
}
