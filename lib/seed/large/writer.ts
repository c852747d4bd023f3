/** What the large seed needs from a database engine: bulk writes that bypass Prisma. */
import type { LargeAgent, LargeTruck, LargeUser, Taken } from "./registry";
import type { OrderBatch } from "./orders";

export interface ExistingData {
  orders: number;
  /** the first order id free both in the table and in the order-number counter/sequence */
  nextOrderId: number;
  taken: Taken;
}

export interface BulkWriter {
  /** Orders per write() by default: what the engine loads fastest. */
  readonly batchSize: number;
  inspect(): Promise<ExistingData>;
  /** Inserts the agents (ids in the same order) — cededBy indexes resolved to ids. */
  insertAgents(agents: LargeAgent[], now: Date): Promise<number[]>;
  insertUsers(users: LargeUser[], agentIds: number[], passwordHash: string, now: Date): Promise<number[]>;
  /** Inserts the trucks (ids in the same order), owners resolved to ids. */
  insertTrucks(trucks: LargeTruck[], agentIds: number[], now: Date): Promise<number[]>;
  /** Prepares the bulk load; `emptyTables` allows dropping secondary indexes until finish(). */
  begin(emptyTables: boolean): Promise<void>;
  write(batch: OrderBatch): Promise<void>;
  /** Rebuilds what begin() took away, moves the order-number counter past `lastOrderId` and sets each buyer's committed volume. */
  finish(lastOrderId: number, committed: Map<number, number>): Promise<void>;
  /** Undoes begin() after a failure as far as possible (indexes back, durability back). */
  abort(): Promise<void>;
  close(): Promise<void>;
}

/** Stored UTC instants: SQLite as Prisma's better-sqlite3 adapter writes them; PostgreSQL as text for timestamp(3). */
export function sqliteInstant(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}
