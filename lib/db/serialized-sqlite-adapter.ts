import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";

/**
 * Prisma's better-sqlite3 adapter runs every query on one connection and serialises only the
 * transactions: a query issued while another caller's interactive transaction is open runs inside
 * it, resolves as saved, and is rolled back with it. This wrapper routes every call — plain
 * queries and whole transactions — through one mutex, so nothing can join a transaction it does
 * not belong to. (Regression test: tests/db/sqlite-serialization.test.ts.)
 */
const PRAGMAS = [
  // WAL lets readers in other processes work during a write; FULL syncs the WAL on every
  // commit, so an acknowledged order survives a crash or power loss.
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = FULL",
  "PRAGMA foreign_keys = ON",
  "PRAGMA busy_timeout = 5000",
].join(";\n");

class SerializedTransaction implements Transaction {
  #released = false;

  constructor(
    private readonly inner: Transaction,
    private readonly release: () => void,
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
    return this.inner.queryRaw(query);
  }
  executeRaw(query: SqlQuery) {
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
    try {
      await this.inner.commit();
    } finally {
      this.#end();
    }
  }

  async rollback() {
    try {
      await this.inner.rollback();
    } finally {
      this.#end();
    }
  }

  #end() {
    if (this.#released) return;
    this.#released = true;
    this.release();
  }
}

class SerializedSqliteAdapter implements SqlDriverAdapter {
  readonly #lock = new Mutex();

  constructor(private readonly inner: SqlDriverAdapter) {}

  get provider() {
    return this.inner.provider;
  }
  get adapterName() {
    return this.inner.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.#lock.runExclusive(() => this.inner.queryRaw(query));
  }
  executeRaw(query: SqlQuery) {
    return this.#lock.runExclusive(() => this.inner.executeRaw(query));
  }
  executeScript(script: string) {
    return this.#lock.runExclusive(() => this.inner.executeScript(script));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const release = await this.#lock.acquire();
    try {
      return new SerializedTransaction(await this.inner.startTransaction(isolationLevel), release);
    } catch (error) {
      release();
      throw error;
    }
  }

  dispose() {
    return this.#lock.runExclusive(() => this.inner.dispose());
  }
}

export class SerializedSqliteAdapterFactory implements SqlDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSqlite3;

  constructor(path: string) {
    this.#inner = new PrismaBetterSqlite3({ url: path, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const inner = await this.#inner.connect();
    await inner.executeScript(PRAGMAS);
    return new SerializedSqliteAdapter(inner);
  }
}
