/**
 * The PostgreSQL side of read-stream.ts: exports read through a server-side cursor. A module of
 * its own so that a SQLite export's worker thread never loads pg.
 */
import pg from "pg";
import Cursor from "pg-cursor";
import { createPool } from "./postgres-sql";
import { dialectOf } from "./engine";
import { rendered, storedInstant, type RawRow, type ReadSession, type ReadStreamer } from "./read-stream";

const POSTGRESQL = dialectOf("postgresql");

const TIMESTAMP_OID = 1114;

/** `timestamp(3)` holds UTC wall time (as Prisma writes it): read as UTC epoch milliseconds, not in the server's zone. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? storedInstant : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * PostgreSQL: a server-side cursor on a client of the streamer's own small pool (at most two
 * exports at once per process, each on one connection; DATABASE_POOL_SIZE sizes Prisma's pool
 * beside it). Idle connections close after a while, so an unused streamer holds none.
 */
export function postgresStreamer(url: string): ReadStreamer {
  let pool: pg.Pool | null = null;
  return {
    async *snapshot(work) {
      pool ??= createPool({ connectionString: url, max: 2, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
      const client = await pool.connect();
      const session: ReadSession = {
        async all(query) {
          const { text, values } = rendered(query, POSTGRESQL);
          return (await client.query<RawRow>({ text, values, rowMode: "array", types })).rows;
        },
        async *chunks(query, chunkRows) {
          const { text, values } = rendered(query, POSTGRESQL);
          const cursor = client.query(new Cursor<RawRow>(text, values, { rowMode: "array", types }));
          try {
            for (;;) {
              const chunk = await cursor.read(chunkRows);
              if (chunk.length > 0) yield chunk;
              if (chunk.length < chunkRows) return;
            }
          } finally {
            await cursor.close();
          }
        },
      };
      let open = false;
      let failure: Error | undefined;
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        open = true;
        yield* work(session);
        await client.query("COMMIT");
        open = false;
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // Stopped early (the client went away): end the snapshot. A client that failed is
        // discarded rather than handed to the next export.
        if (open && !failure) await client.query("ROLLBACK").catch(() => undefined);
        client.release(failure);
      }
    },
    async close() {
      await pool?.end();
      pool = null;
    },
  };
}
