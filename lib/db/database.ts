import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { Prisma, PrismaClient } from "@/lib/generated/sqlite/client";
import { engineOf, sqlitePath, type Engine } from "./engine";
import { PostgresRunner, createPool } from "./postgres-sql";
import { postgresStreamer } from "./postgres-read-stream";
import { sqliteStreamer, type ReadStreamer } from "./read-stream";
import { SerializedSqliteAdapterFactory } from "./serialized-sqlite-adapter";
import type { SqlRunner } from "./sql";

/** A Prisma transaction client; every service function that writes takes one. */
export type Tx = Prisma.TransactionClient;

export interface Database {
  readonly engine: Engine;
  /** the DATABASE_URL it was opened with (an export's worker thread opens its own reader) */
  readonly url: string;
  /** Safe to use outside transactions on both engines (see serialized-sqlite-adapter.ts). */
  readonly prisma: PrismaClient;
  /**
   * Runs `work` in one interactive transaction. Retried from the start when the engine reports a
   * write conflict (PostgreSQL serialization failure or deadlock, SQLite busy from another
   * process): `work` must therefore only touch the database.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Plain SQL on the same connections: the `sql` template (sql.ts), the one way to write SQL by
   * hand — the order lifecycle's hot path, the regulator's reports, the integrity checker.
   */
  readonly sql: SqlRunner;
  /** Long read-only queries streamed by the driver, outside Prisma (the exports). */
  readonly streams: ReadStreamer;
  close(): Promise<void>;
}

const MAX_ATTEMPTS = 10;

/** What the driver said, when Prisma wraps a driver error (raw queries and model queries alike). */
function driverCause(error: Prisma.PrismaClientKnownRequestError): { kind?: string; originalCode?: string } | undefined {
  const meta = error.meta as { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } | undefined;
  return meta?.driverAdapterError?.cause;
}

/**
 * A conflict that a fresh attempt resolves: PostgreSQL's serialization failure or deadlock, and
 * SQLite's "busy" when another connection (another process) wrote since this one began reading.
 */
function isRetryable(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2034") return true;
  const cause = driverCause(error);
  const code = cause?.originalCode ?? "";
  return cause?.kind === "SocketTimeout" || code.startsWith("SQLITE_BUSY") || code === "40001" || code === "40P01";
}

export interface DatabaseOptions {
  /** PostgreSQL pool size per process. */
  poolSize?: number;
}

interface Connected {
  prisma: PrismaClient;
  sql: SqlRunner;
  streams: ReadStreamer;
  close(): Promise<void>;
}

/** How each engine is reached: its Prisma driver adapter, the plain-SQL runner beside it, and the export reader. */
const CONNECT: Record<Engine, (url: string, options: DatabaseOptions) => Connected> = {
  sqlite(url) {
    const adapter = new SerializedSqliteAdapterFactory(sqlitePath(url));
    const prisma = new PrismaClient({ adapter });
    return { prisma, sql: adapter.sqlRunner(), streams: sqliteStreamer(sqlitePath(url)), close: () => prisma.$disconnect() };
  },
  postgresql(url, options) {
    // One pool for Prisma and the plain SQL runner.
    const pool = createPool({ connectionString: url, max: options.poolSize ?? 10 });
    // The PostgreSQL client is generated from the same schema, so its API is the same type.
    const prisma = new PostgresClient({ adapter: new PrismaPg(pool) }) as unknown as PrismaClient;
    let ended = false;
    return {
      prisma,
      sql: new PostgresRunner(pool),
      streams: postgresStreamer(url),
      async close() {
        await prisma.$disconnect();
        if (!ended) await pool.end();
        ended = true;
      },
    };
  },
};

export function createDatabase(url: string, options: DatabaseOptions = {}): Database {
  const engine = engineOf(url);
  const { prisma, sql, streams, close } = CONNECT[engine](url, options);

  return {
    engine,
    url,
    prisma,
    sql,
    streams,
    async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await prisma.$transaction(work, { maxWait: 10_000, timeout: 15_000 });
        } catch (error) {
          if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        }
      }
    },
    async close() {
      await streams.close();
      await close();
    },
  };
}
