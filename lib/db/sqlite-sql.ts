import type { Mutex } from "async-mutex";
import type Sqlite from "better-sqlite3";
import { metrics } from "@/lib/observability/metrics";
import { dialectOf } from "./engine";
import { render, runGuardedWrite, type Sql, type SqlRunner, type SqlStatements } from "./sql";
import type { WalSync } from "./wal-sync";

/**
 * Plain SQL on SQLite: better-sqlite3 statements, prepared once, on the connection Prisma's
 * adapter uses and under the same lock (serialized-sqlite-adapter.ts), so a statement here and a
 * Prisma call never interleave inside each other's transaction. better-sqlite3 is synchronous: a
 * whole transition runs in well under a millisecond while it holds the lock. Like every call
 * through the adapter, each resolves only once what it committed, or read, is on disk (WalSync).
 */

/** Enough for every hot-path statement text (IN lists and lot rows vary in length). */
const MAX_PREPARED = 500;
const READ_ONLY = /^\s*(SELECT|WITH|PRAGMA)\b/i;
const SQLITE = dialectOf("sqlite");
/** How long a transaction waits for another connection's write lock, as the connection's busy_timeout. */
const BUSY_WAIT_MS = 5_000;
/** The busy_timeout the connection keeps for everything else (serialized-sqlite-adapter.ts). */
const BUSY_TIMEOUT_PRAGMA = `PRAGMA busy_timeout = ${BUSY_WAIT_MS}`;

interface Connection {
  connection: Sqlite.Database;
  lock: Mutex;
}

/** A query's text and its values as better-sqlite3 binds them. */
function rendered(query: Sql): { text: string; values: unknown[] } {
  const { text, values } = render(query, SQLITE);
  return { text, values: values.map(SQLITE.bind) };
}

function isBusy(error: unknown): boolean {
  return typeof (error as { code?: unknown })?.code === "string" && (error as { code: string }).code.startsWith("SQLITE_BUSY");
}

class Statements implements SqlStatements {
  constructor(
    private readonly runner: SqliteRunner,
    readonly connection: Sqlite.Database,
  ) {}

  all<T>(query: Sql): Promise<T[]> {
    const { text, values } = rendered(query);
    return Promise.resolve(this.runner.statement(this.connection, text, query.prepared).all(...values) as T[]);
  }

  run(query: Sql): Promise<number> {
    const { text, values } = rendered(query);
    return Promise.resolve(this.runner.statement(this.connection, text, query.prepared).run(...values).changes);
  }

  /** The guard, then the writes, in this transaction (engine.ts: SQLite has no writing CTEs). */
  writeGuarded<T>(guard: Sql, writes: readonly Sql[]): Promise<T[]> {
    return runGuardedWrite<T>(this, SQLITE, guard, writes);
  }
}

/** Whether a statement only reads, so it runs without a write transaction (a WITH that writes must use transaction()). */
const readsOnly = (query: Sql) => READ_ONLY.test(render(query, SQLITE).text);

export class SqliteRunner implements SqlRunner {
  #prepared = new Map<string, Sqlite.Statement>();
  #preparedOn: Sqlite.Database | null = null;

  constructor(
    private readonly connect: () => Promise<Connection>,
    private readonly wal: WalSync,
  ) {}

  /** A statement for `text`: kept for the next runs when `keep` (the hot path), else prepared for this run only. */
  statement(connection: Sqlite.Database, text: string, keep: boolean): Sqlite.Statement {
    // Prisma's adapter turns on safe integers for the connection; every value here fits a double.
    if (!keep) return connection.prepare(text).safeIntegers(false);
    return this.prepared(connection, text);
  }

  prepared(connection: Sqlite.Database, text: string): Sqlite.Statement {
    if (this.#preparedOn !== connection || this.#prepared.size >= MAX_PREPARED) {
      this.#prepared.clear();
      this.#preparedOn = connection;
    }
    let statement = this.#prepared.get(text);
    if (!statement) {
      // Prisma's adapter turns on safe integers for the connection; every value here fits a double.
      statement = connection.prepare(text).safeIntegers(false);
      this.#prepared.set(text, statement);
    }
    return statement;
  }

  all<T>(query: Sql): Promise<T[]> {
    return readsOnly(query) ? this.#read((statements) => statements.all<T>(query)) : this.transaction((tx) => tx.all<T>(query));
  }

  run(query: Sql): Promise<number> {
    return readsOnly(query) ? this.#read((statements) => statements.run(query)) : this.transaction((tx) => tx.run(query));
  }

  writeGuarded<T>(guard: Sql, writes: readonly Sql[]): Promise<T[]> {
    return this.transaction((tx) => tx.writeGuarded<T>(guard, writes));
  }

  /** A read under the lock; it resolves once what it read is on disk. */
  async #read<T>(work: (statements: Statements) => Promise<T>): Promise<T> {
    const { connection, lock } = await this.connect();
    const [result, sequence] = await lock.runExclusive(async () => [await work(new Statements(this, connection)), this.wal.current] as const);
    await this.wal.durable(sequence);
    return result;
  }

  /**
   * Reads in one read transaction (WAL: one snapshot), under the lock like any other call, so no
   * write of this process lands between them.
   */
  snapshot<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T> {
    return this.#read(async (statements) => {
      const { connection } = statements;
      this.prepared(connection, "BEGIN").run();
      try {
        return await work(statements);
      } finally {
        if (connection.inTransaction) this.prepared(connection, "COMMIT").run();
      }
    });
  }

  /**
   * better-sqlite3 waits for a busy database synchronously, which would stall this process's
   * event loop — and with it the other connection's transaction it is waiting for, when both are
   * in this process (tests, scripts). So the write lock is taken without waiting, and a busy
   * database is waited for here, asynchronously, for as long as busy_timeout would.
   */
  async transaction<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T> {
    const deadline = Date.now() + BUSY_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#once(work);
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
        metrics().dbRetries.inc({ engine: "sqlite", reason: "sqlite_busy" });
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 10)));
      }
    }
  }

  async #once<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T> {
    const { connection, lock } = await this.connect();
    const release = await lock.acquire();
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    let sequence: number;
    try {
      // IMMEDIATE: take the write lock before reading, so another process cannot make this
      // transaction fail halfway by writing between its read and its write.
      this.prepared(connection, "PRAGMA busy_timeout = 0").get();
      try {
        this.prepared(connection, "BEGIN IMMEDIATE").run();
      } finally {
        this.prepared(connection, BUSY_TIMEOUT_PRAGMA).get();
      }
      try {
        const value = await work(new Statements(this, connection));
        this.prepared(connection, "COMMIT").run();
        outcome = { ok: true, value };
        sequence = this.wal.committed();
      } catch (error) {
        if (connection.inTransaction) this.prepared(connection, "ROLLBACK").run();
        outcome = { ok: false, error };
        sequence = this.wal.current;
      }
    } finally {
      release();
    }
    // Outside the lock: later transactions run while this one's WAL frames are synced. A failed
    // one waits too: what it read, and answers from, may be another caller's unsynced commit.
    await this.wal.durable(sequence!);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.value;
  }
}
