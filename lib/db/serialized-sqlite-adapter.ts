import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import type { Mutex } from "async-mutex";
import type Sqlite from "better-sqlite3";
import { log } from "@/lib/observability/log";
import { outsideRequest } from "@/lib/observability/request-context";
import { MeteredMutex } from "./metered-mutex";
import type { SqlRunner } from "./sql";
import { SqliteRunner } from "./sqlite-sql";
import { WalSync } from "./wal-sync";

/**
 * Prisma's better-sqlite3 adapter runs every query on one connection and serialises only the
 * transactions: a query issued while another caller's interactive transaction is open runs inside
 * it, resolves as saved, and is rolled back with it. This wrapper routes every call — plain
 * queries and whole transactions — through one mutex, so nothing can join a transaction it does
 * not belong to. (Regression test: tests/db/durability.test.ts.)
 *
 * Every call also resolves only once what it committed — and any commit it may have read — is on
 * disk (group commit, wal-sync.ts): an acknowledged order survives a crash or power loss.
 */
/** How long a statement waits for another connection's write lock. */
const BUSY_TIMEOUT_MS = 5000;

const PRAGMAS = [
  // WAL lets readers in other processes work during a write. NORMAL writes the WAL at commit and
  // syncs it at checkpoints (the file stays consistent after a power loss); WalSync makes each
  // acknowledged commit durable, sharing one fdatasync among concurrent commits and keeping it
  // off the event loop, where FULL would block the process for an fsync inside every COMMIT.
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`,
  // ANALYZE (run by PRAGMA optimize, below) samples this many rows per index: fast on any size
  "PRAGMA analysis_limit = 1000",
].join(";\n");

/**
 * Keeps the query planner's statistics current, as SQLite advises: when the connection opens
 * (0x10000: every table, so an index a migration added is analyzed too) and every hour. Without
 * them the planner can pick the wrong index: on a million orders, "Movimientos" filtered by state
 * sorted every order of that state (0.7 s) instead of reading its (state, requested_at) index.
 * ANALYZE runs only on the tables that need it, so a call is usually free.
 */
const OPTIMIZE_ON_OPEN = "PRAGMA optimize = 0x10002";
const OPTIMIZE = "PRAGMA optimize";
const OPTIMIZE_EVERY_MS = 60 * 60_000;

/** A statement that only reads: it commits nothing that would need a sync. */
const READ_ONLY = /^\s*(SELECT|PRAGMA)\b/i;

class SerializedTransaction implements Transaction {
  #released = false;
  #wrote = false;

  constructor(
    private readonly inner: Transaction,
    private readonly release: () => void,
    private readonly wal: WalSync,
  ) {}

  get provider() {
    return this.inner.provider;
  }
  get adapterName() {
    return this.inner.adapterName;
  }
  get options() {
    return this.inner.options;
  }

  queryRaw(query: SqlQuery) {
    this.#wrote ||= !READ_ONLY.test(query.sql);
    return this.inner.queryRaw(query);
  }
  executeRaw(query: SqlQuery) {
    this.#wrote ||= !READ_ONLY.test(query.sql);
    return this.inner.executeRaw(query);
  }
  createSavepoint(name: string) {
    return this.inner.createSavepoint?.(name) ?? Promise.resolve();
  }
  rollbackToSavepoint(name: string) {
    return this.inner.rollbackToSavepoint?.(name) ?? Promise.resolve();
  }
  releaseSavepoint(name: string) {
    return this.inner.releaseSavepoint?.(name) ?? Promise.resolve();
  }

  async commit() {
    let sequence: number;
    try {
      await this.inner.commit();
      // a read-only transaction has nothing of its own to sync, only what it may have read
      sequence = this.#wrote ? this.wal.committed() : this.wal.current;
    } finally {
      this.#end();
    }
    // Outside the lock: the next transactions run while this commit's WAL frames are synced.
    await this.wal.durable(sequence);
  }

  async rollback() {
    const sequence = this.wal.current;
    try {
      await this.inner.rollback();
    } finally {
      this.#end();
    }
    // what it read may have been another caller's commit, not yet synced
    await this.wal.durable(sequence);
  }

  #end() {
    if (this.#released) return;
    this.#released = true;
    this.release();
  }
}

class SerializedSqliteAdapter implements SqlDriverAdapter {
  constructor(
    private readonly inner: SqlDriverAdapter,
    private readonly wal: WalSync,
    readonly lock: Mutex,
  ) {}

  /** The better-sqlite3 connection Prisma's adapter runs on (for lib/db/sqlite-sql.ts, under the same lock). */
  get connection(): Sqlite.Database {
    return (this.inner as unknown as { client: Sqlite.Database }).client;
  }

  /** Runs one statement under the lock (a write commits by itself), then waits until its effect (or what it read) is durable. */
  async #statement<T>(sql: string, run: () => Promise<T>): Promise<T> {
    const [result, sequence] = await this.lock.runExclusive(async () => {
      const result = await run();
      return [result, READ_ONLY.test(sql) ? this.wal.current : this.wal.committed()] as const;
    });
    await this.wal.durable(sequence);
    return result;
  }

  get provider() {
    return this.inner.provider;
  }
  get adapterName() {
    return this.inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.#statement(query.sql, () => this.inner.queryRaw(query));
  }
  executeRaw(query: SqlQuery) {
    return this.#statement(query.sql, () => this.inner.executeRaw(query));
  }
  executeScript(script: string) {
    return this.#statement(script, () => this.inner.executeScript(script));
  }

  /**
   * A script that must not wait for another connection's write lock: better-sqlite3 would wait
   * synchronously, blocking the event loop — and with it a transaction of another connection in
   * this process, which then cannot commit. Busy fails at once instead.
   */
  executeScriptWithoutWaiting(script: string) {
    return this.#statement(script, async () => {
      this.connection.pragma("busy_timeout = 0");
      try {
        return await this.inner.executeScript(script);
      } finally {
        this.connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      }
    });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.lock.acquire();
    try {
      return new SerializedTransaction(await this.inner.startTransaction(isolationLevel), release, this.wal);
    } catch (error) {
      release();
      throw error;
    }
  }

  dispose() {
    return this.lock.runExclusive(() => this.inner.dispose());
  }
}

export class SerializedSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  /** the group commit of this database file (exposed for the durability test) */
  readonly wal: WalSync;
  /** the one lock of this database file: Prisma's calls and the plain SQL runner's alike */
  readonly #lock: Mutex = new MeteredMutex();
  readonly #inner: PrismaBetterSqlite3;
  /** One connection per file in this process, shared by Prisma and the SQL runner. */
  #adapter: Promise<SerializedSqliteAdapter> | null = null;

  constructor(path: string) {
    this.#inner = new PrismaBetterSqlite3({ url: path, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
    this.wal = new WalSync(`${path}-wal`);
  }

  connect(): Promise<SqlDriverAdapter> {
    this.#adapter ??= (async () => {
      const inner = await this.#inner.connect();
      await inner.executeScript(PRAGMAS);
      const adapter = new SerializedSqliteAdapter(inner, this.wal, this.#lock);
      await optimize(adapter, OPTIMIZE_ON_OPEN);
      const timer = setInterval(() => outsideRequest(() => void optimize(adapter, OPTIMIZE)), OPTIMIZE_EVERY_MS).unref();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        clearInterval(timer);
        this.#adapter = null;
        await dispose();
        await this.wal.close();
      };
      return adapter;
    })();
    return this.#adapter;
  }

  /** Plain SQL on the same connection, under the same lock and group commit. */
  sqlRunner(): SqlRunner {
    return new SqliteRunner(async () => {
      const adapter = (await this.connect()) as SerializedSqliteAdapter;
      return { connection: adapter.connection, lock: adapter.lock };
    }, this.wal);
  }
}

/**
 * Statistics are an optimisation: another connection holding the write lock only postpones them
 * (ANALYZE writes; it does not wait for the lock).
 */
async function optimize(adapter: SerializedSqliteAdapter, pragma: string): Promise<void> {
  try {
    await adapter.executeScriptWithoutWaiting(pragma);
  } catch (error) {
    log("db").warn({ err: error }, `${pragma} no se pudo ejecutar (se reintentará)`);
  }
}
