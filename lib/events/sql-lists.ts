/**
 * Fixed-size statement shapes for the worker's batches. Its statements are prepared once and kept
 * (sql.prepared, lib/db/sql.ts); an IN list or a multi-row VALUES whose length followed the data
 * would make a new text, and a new prepared statement, for every batch size.
 */
import { sql, type Sql, type SqlStatements, type SqlValue } from "@/lib/db/sql";

/** The width of every IN list: ids are sent in chunks of this many, padded with NULL (which matches nothing). */
export const IN_WIDTH = 64;

/** `ids` in chunks of IN_WIDTH, each padded to it. */
export function idChunks(ids: Iterable<number>): (number | null)[][] {
  const unique = [...new Set(ids)];
  const chunks: (number | null)[][] = [];
  for (let start = 0; start < unique.length; start += IN_WIDTH) {
    const chunk: (number | null)[] = unique.slice(start, start + IN_WIDTH);
    while (chunk.length < IN_WIDTH) chunk.push(null);
    chunks.push(chunk);
  }
  return chunks;
}

/** One chunk as a parenthesised list of bound values: `(?, ?, …)`. */
const inList = (chunk: readonly (number | null)[]): Sql => sql`(${sql.join(chunk)})`;

/** The rows of `query` (given one chunk's IN list, to write after `IN`) for every id. */
export async function allForIds<T>(tx: SqlStatements, query: (ids: Sql) => Sql, ids: Iterable<number>): Promise<T[]> {
  const rows: T[] = [];
  for (const chunk of idChunks(ids)) rows.push(...(await tx.all<T>(query(inList(chunk)))));
  return rows;
}

/** Runs `statement` (given one chunk's IN list) for every id; the number of rows it changed. */
export async function runForIds(tx: SqlStatements, statement: (ids: Sql) => Sql, ids: Iterable<number>): Promise<number> {
  let changed = 0;
  for (const chunk of idChunks(ids)) changed += await tx.run(statement(inList(chunk)));
  return changed;
}

/** Inserts rows in chunks of 32, 8 and 1 (three statement texts per table). */
export async function insertRows(tx: SqlStatements, table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
  const head = sql.raw(`INSERT INTO ${table} (${columns.join(", ")}) VALUES `);
  let index = 0;
  for (const size of [32, 8, 1]) {
    while (rows.length - index >= size) {
      const values = rows.slice(index, index + size).map((row) => sql`(${sql.join(row)})`);
      await tx.run(sql.prepared`${head}${sql.join(values)}`);
      index += size;
    }
  }
}
