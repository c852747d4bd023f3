/**
 * Long read-only queries streamed through the driver, outside Prisma: a million rows as plain
 * arrays, a chunk at a time, never the whole result in memory. For exports; everything else
 * goes through Prisma.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { dialectOf, engineOf, type Dialect } from "./engine";
import { render, type Sql } from "./sql";

/** A query to stream (lib/db/sql.ts's template, rendered by each streamer for its engine). */
export interface StreamQuery {
  sql: Sql;
  /** the positions of the selected columns that hold instants (DateTime) */
  instants: readonly number[];
}

/** The text and driver values of a stream query for `dialect`. */
export function rendered(query: StreamQuery, dialect: Dialect): { text: string; values: unknown[] } {
  const { text, values } = render(query.sql, dialect);
  return { text, values: values.map(dialect.bind) };
}

const SQLITE = dialectOf("sqlite");

/**
 * One row as the driver gives it, column by column; instants (or null) arrive as UTC epoch
 * milliseconds on both engines.
 */
export type RawRow = unknown[];

/** Queries inside one read-only snapshot (see ReadStreamer.snapshot); one at a time. */
export interface ReadSession {
  /** Every row of a small query. */
  all(query: StreamQuery): Promise<RawRow[]>;
  /** The rows of a large query, up to `chunkRows` per chunk. */
  chunks(query: StreamQuery, chunkRows: number): AsyncGenerator<RawRow[]>;
}

export interface ReadStreamer {
  /**
   * Runs `work` on a dedicated read-only connection, in one snapshot of the database (so its
   * queries agree with one another), and yields what it yields. Stopping early with `return()`
   * ends the snapshot and frees the connection.
   */
  snapshot<T>(work: (session: ReadSession) => AsyncGenerator<T>): AsyncGenerator<T>;
  close(): Promise<void>;
}

const digit = (text: string, at: number) => text.charCodeAt(at) - 48;
const number = (text: string, at: number, length: number) => {
  let value = 0;
  for (let i = at; i < at + length; i++) value = value * 10 + digit(text, i);
  return value;
};

/** 'YYYY-MM-DD?HH:MM:SS.mmm' then '+00:00', 'Z' or nothing: the shapes Prisma's DateTime is stored in. */
const isStoredShape = (text: string) =>
  text.length === 23 || (text.length === 29 && text.endsWith("+00:00")) || (text.length === 24 && text.endsWith("Z"));

/**
 * A stored instant as epoch milliseconds: SQLite keeps '2026-03-10T15:00:00.000+00:00', and
 * PostgreSQL's `timestamp(3)` reads '2026-03-10 15:00:00.000' (UTC wall time: Prisma writes UTC).
 * Read digit by digit when it has that shape (several times faster than parsing, and an export
 * reads millions); otherwise by Date.parse, as UTC.
 */
export function storedInstant(text: string): number {
  if (!isStoredShape(text)) return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  return Date.UTC(number(text, 0, 4), number(text, 5, 2) - 1, number(text, 8, 2), number(text, 11, 2), number(text, 14, 2), number(text, 17, 2), number(text, 20, 3));
}

/**
 * SQLite: a separate READ-ONLY connection per stream. It is the one place the app opens a
 * connection of its own beside lib/db's serialized writer: in WAL mode a reader never blocks the
 * writer nor sees half a transaction, and holding its snapshot for the length of an export is
 * what a reader is for. Going through the serialized adapter instead would hold every other
 * request of the server behind the export. The connection cannot write (`readonly`), and the
 * rows are read in chunks with a turn of the event loop between them, so the server keeps
 * answering while an export runs.
 */
export function sqliteStreamer(path: string): ReadStreamer {
  return {
    async *snapshot(work) {
      const connection = new BetterSqlite3(path, { readonly: true, fileMustExist: true, timeout: 5_000 });
      const session: ReadSession = {
        async all(query) {
          const { text, values } = rendered(query, SQLITE);
          return connection.prepare(text).raw(true).all(...values).map((row) => storedInstants(row as RawRow, query));
        },
        async *chunks(query, chunkRows) {
          const { text, values } = rendered(query, SQLITE);
          const iterator = connection.prepare(text).raw(true).iterate(...values) as IterableIterator<RawRow>;
          try {
            for (;;) {
              const chunk: RawRow[] = [];
              while (chunk.length < chunkRows) {
                const next = iterator.next();
                if (next.done) break;
                chunk.push(storedInstants(next.value, query));
              }
              if (chunk.length > 0) yield chunk;
              if (chunk.length < chunkRows) return;
              // A turn of the event loop between chunks: other requests are served meanwhile.
              await nextTurn();
            }
          } finally {
            iterator.return?.();
          }
        },
      };
      try {
        // The snapshot: a read transaction, begun at the first SELECT, held until the end.
        connection.exec("BEGIN");
        yield* work(session);
      } finally {
        if (connection.inTransaction) connection.exec("COMMIT");
        connection.close();
      }
    },
    async close() {},
  };
}

function storedInstants(row: RawRow, query: StreamQuery): RawRow {
  for (const column of query.instants) if (row[column] !== null) row[column] = storedInstant(row[column] as string);
  return row;
}

/** Every row of one small query, in a snapshot of its own. */
export async function readAll(streamer: ReadStreamer, query: StreamQuery): Promise<RawRow[]> {
  for await (const rows of streamer.snapshot(async function* (session) {
    yield await session.all(query);
  })) {
    return rows;
  }
  return [];
}

/**
 * A reader for a process that has no Database, such as the CSV export's worker thread: the file's
 * reader on SQLite, pg only on PostgreSQL (loaded on demand: a thread pays for every module it loads).
 */
export async function openReadStreamer(url: string): Promise<ReadStreamer> {
  const file = dialectOf(engineOf(url)).file(url, process.cwd());
  return file !== null ? sqliteStreamer(file) : (await import("./postgres-read-stream")).postgresStreamer(url);
}
