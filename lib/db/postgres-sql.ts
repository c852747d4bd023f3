import pg from "pg";
import { log } from "@/lib/observability/log";
import { metrics, observePool } from "@/lib/observability/metrics";
import { outsideRequest } from "@/lib/observability/request-context";
import { dialectOf } from "./engine";
import { MAX_TRANSACTION_ATTEMPTS, backoff, render, runGuardedWrite, type Sql, type SqlRunner, type SqlStatements } from "./sql";

/**
 * Plain SQL on PostgreSQL: the pool Prisma's adapter uses too (database.ts). A hot-path statement
 * (sql.prepared) is prepared once per connection (a named statement), so a transition's
 * statements skip PostgreSQL's parse and plan as well as Prisma's own work; any other runs
 * unnamed, planned for the values it is given.
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

const POSTGRESQL = dialectOf("postgresql");

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

  /** The statement's name when it is kept prepared (sql.prepared), while names last. */
  #nameOf(text: string): string | undefined {
    let prepared = this.#prepared.get(text);
    if (!prepared) {
      prepared = this.#prepared.size < MAX_NAMED ? { name: `scop_${this.#prepared.size + 1}`, text } : { text };
      this.#prepared.set(text, prepared);
    }
    return prepared.name;
  }

  #query(client: pg.Pool | pg.PoolClient, query: Sql) {
    const { text, values } = render(query, POSTGRESQL);
    const name = query.prepared ? this.#nameOf(text) : undefined;
    return client.query({ name, text, values: values.map(POSTGRESQL.bind), types });
  }

  #statements(client: pg.Pool | pg.PoolClient): SqlStatements {
    const statements: SqlStatements = {
      all: async <T>(query: Sql) => (await this.#query(client, query)).rows as T[],
      run: async (query: Sql) => (await this.#query(client, query)).rowCount ?? 0,
      writeGuarded: <T>(guard: Sql, writes: readonly Sql[]) => runGuardedWrite<T>(statements, POSTGRESQL, guard, writes),
    };
    return statements;
  }

  all<T>(query: Sql): Promise<T[]> {
    return this.#statements(this.pool).all<T>(query);
  }

  run(query: Sql): Promise<number> {
    return this.#statements(this.pool).run(query);
  }

  /**
   * One statement (engine.ts: a data-modifying CTE), atomic without a transaction of its own, and
   * retried from the start on a deadlock or serialization failure as a transaction would be.
   */
  async writeGuarded<T>(guard: Sql, writes: readonly Sql[]): Promise<T[]> {
    if (POSTGRESQL.guardedWrite(guard, writes).length !== 1) return this.transaction((tx) => tx.writeGuarded<T>(guard, writes));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#statements(this.pool).writeGuarded<T>(guard, writes);
      } catch (error) {
        if (!isRetryable(error) || attempt >= MAX_TRANSACTION_ATTEMPTS) throw error;
        metrics().dbRetries.inc({ engine: "postgresql", reason: conflictReason((error as { code?: unknown }).code) });
      }
      await backoff(attempt);
    }
  }

  async snapshot<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const value = await work(this.#statements(client));
      await client.query("COMMIT");
      return value;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => (broken = true));
      throw error;
    } finally {
      client.release(broken);
    }
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
