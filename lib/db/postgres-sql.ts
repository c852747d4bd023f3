import pg from "pg";
import { log } from "@/lib/observability/log";
import { metrics, observePool } from "@/lib/observability/metrics";
import { outsideRequest } from "@/lib/observability/request-context";
import { MAX_TRANSACTION_ATTEMPTS, backoff, toSqlDate, type SqlRunner, type SqlStatements, type SqlValue } from "./sql";

/**
 * Plain SQL on PostgreSQL: the pool Prisma's adapter uses too (database.ts), with each statement
 * text prepared once per connection (a named statement), so a transition's statements skip
 * PostgreSQL's parse and plan as well as Prisma's own work.
 */

/** Statement names per process; past this many texts the rest run unnamed. */
const MAX_NAMED = 500;

const TIMESTAMP = 1114;
const INT8 = 20;

/**
 * `timestamp(3)` holds UTC wall-clock time (as Prisma writes it): read it as text and let
 * fromSqlDate take it as UTC — pg's default parser would take it as the server's local time.
 */
const types = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === TIMESTAMP) return (value: string) => value;
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  }) as pg.CustomTypesConfig["getTypeParser"],
};

function bind(values: readonly SqlValue[]): unknown[] {
  return values.map((value) => (value === undefined ? null : value instanceof Date ? toSqlDate(value) : value));
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return code === "40001" || code === "40P01";
}

/** The metric's reason for a conflict PostgreSQL reported. */
export function conflictReason(code: unknown): string {
  return code === "40P01" ? "deadlock" : code === "40001" ? "serialization" : "other";
}

/**
 * A pg pool that survives losing an idle connection (a PostgreSQL restart, a terminated backend):
 * pg reports that as an "error" event on the pool, which would end the process unheard. The pool
 * drops the connection and opens another when next needed.
 */
export function createPool(config: pg.PoolConfig, name = "primary"): pg.Pool {
  const pool = new pg.Pool(config);
  // (outside any request: the connection was opened for one, but this is no part of it)
  pool.on("error", (error) => outsideRequest(() => log("db").error({ err: error, pool: name }, "PostgreSQL cerró una conexión inactiva")));
  observePool(pool, name);
  return pool;
}

interface Prepared {
  name?: string;
  text: string;
}

export class PostgresRunner implements SqlRunner {
  #prepared = new Map<string, Prepared>();

  constructor(private readonly pool: pg.Pool) {}

  #prepare(text: string): Prepared {
    let prepared = this.#prepared.get(text);
    if (!prepared) {
      let n = 0;
      const numbered = text.replace(/\?/g, () => `$${++n}`);
      prepared = this.#prepared.size < MAX_NAMED ? { name: `scop_${this.#prepared.size + 1}`, text: numbered } : { text: numbered };
      this.#prepared.set(text, prepared);
    }
    return prepared;
  }

  #query(client: pg.Pool | pg.PoolClient, text: string, values: readonly SqlValue[]) {
    const { name, text: numbered } = this.#prepare(text);
    return client.query({ name, text: numbered, values: bind(values), types });
  }

  #statements(client: pg.Pool | pg.PoolClient): SqlStatements {
    return {
      all: async <T>(text: string, values: readonly SqlValue[] = []) => (await this.#query(client, text, values)).rows as T[],
      run: async (text: string, values: readonly SqlValue[] = []) => (await this.#query(client, text, values)).rowCount ?? 0,
    };
  }

  all<T>(text: string, values: readonly SqlValue[] = []): Promise<T[]> {
    return this.#statements(this.pool).all<T>(text, values);
  }

  run(text: string, values: readonly SqlValue[] = []): Promise<number> {
    return this.#statements(this.pool).run(text, values);
  }

  async transaction<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const value = await work(this.#statements(client));
        await client.query("COMMIT");
        return value;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true; // the connection is gone: drop it from the pool
        }
        if (!isRetryable(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        metrics().dbRetries.inc({ engine: "postgresql", reason: conflictReason((error as { code?: unknown }).code) });
      } finally {
        client.release(broken);
      }
      await backoff(attempt);
    }
  }
}
