/**
 * Fixed-size statement shapes for the worker's batches. The plain-SQL runners prepare each
 * statement text once (lib/db/sql.ts); an IN list or a multi-row VALUES whose length followed the
 * data would make a new text, and a new prepared statement, for every batch size.
 */
import { placeholders, type SqlStatements, type SqlValue } from "@/lib/db/sql";

/** The width of every IN list: ids are sent in chunks of this many, padded with NULL (which matches nothing). */
export const IN_WIDTH = 64;
export const IN_LIST = `(${placeholders(IN_WIDTH)})`;

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

/** The rows of `query` (which holds one IN_LIST, after `before` values and before `after` values) for every id. */
export async function allForIds<T>(tx: SqlStatements, query: string, ids: Iterable<number>, before: SqlValue[] = [], after: SqlValue[] = []): Promise<T[]> {
  const rows: T[] = [];
  for (const chunk of idChunks(ids)) rows.push(...(await tx.all<T>(query, [...before, ...chunk, ...after])));
  return rows;
}

export async function runForIds(tx: SqlStatements, statement: string, ids: Iterable<number>, before: SqlValue[] = []): Promise<number> {
  let changed = 0;
  for (const chunk of idChunks(ids)) changed += await tx.run(statement, [...before, ...chunk]);
  return changed;
}

/** Inserts rows in chunks of 32, 8 and 1 (three statement texts per table). */
export async function insertRows(tx: SqlStatements, table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
  const row = `(${placeholders(columns.length)})`;
  const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `;
  let index = 0;
  for (const size of [32, 8, 1]) {
    const text = head + Array.from({ length: size }, () => row).join(", ");
    while (rows.length - index >= size) {
      await tx.run(text, rows.slice(index, index + size).flat());
      index += size;
    }
  }
}
