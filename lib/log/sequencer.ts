/**
 * The sequencer: takes the movements and registry changes committed since its last run, appends
 * their leaves to the tree in commit order, and signs a checkpoint — in batches, each one
 * transaction, off the request path (a timer in the server, lib/log/sequencer-timer.ts, or
 * `npm run log:sequence`).
 *
 * Commit order without skipping anything:
 * - SQLite commits one writer at a time and a row's id is drawn inside its write transaction, so
 *   ids are in commit order: each source is read after its last id, under the same write lock the
 *   app uses (the runner's transaction), so nothing can commit in between.
 * - PostgreSQL draws ids at insert, so a movement with a lower id can commit after a higher one.
 *   Each row carries its transaction's id (xact_id, a column default); the sequencer only takes
 *   rows whose transaction is older than the oldest one still running in its snapshot
 *   (pg_snapshot_xmin): all of those have finished and are visible, and no later commit can have
 *   such an id. It reads in (xact_id, id) order after its cursor, so a late commit is read in its
 *   turn, never skipped. With several instances, a transaction-level advisory lock lets one
 *   sequence at a time; the others skip their turn.
 * The three sources (movements, agent changes, truck changes) are merged by (xact_id, instant,
 * kind, id); each source's rows are always taken as a prefix of its own order, so the merge never
 * skips any of them.
 */
import type { Database } from "@/lib/db/database";
import { COMMIT_HORIZON, commitOrder, commitPosition, committedBefore, fromSqlDate, sql, tryTransactionLock, type SqlStatements } from "@/lib/db/sql";
import { LEAF_KINDS, leafOf, type LeafKind } from "./leaf";
import { startLeafPool, type LeafHasher, type LeafPool } from "./leaf-pool";
import { hasher, sha256, type LogSigner } from "./node-crypto";
import { checkpointText } from "./note";
import {
  AGENT_CHANGE_COLUMNS,
  MOVEMENT_COLUMNS,
  TRUCK_CHANGE_COLUMNS,
  agentRecord,
  truckRecord,
  lotsOf,
  movementRecord,
  ordersWithLots,
  saltsFor,
  type AgentChangeRow,
  type MovementRow,
  type TruckChangeRow,
} from "./records";
import { insertCheckpoint, insertLeaves, latestCheckpoint, loadTiles, readOrCreateState, readState, writeState, writeTiles, type LogState, type StoredCheckpoint } from "./store";
import { equalBytes } from "./merkle";
import { TileAppender, edgeTiles } from "./tiles";

/** The sequencer's lock (tryTransactionLock: PostgreSQL's advisory lock key; any constant no other code uses). */
export const SEQUENCER_LOCK = 0x5c0_1061;

export interface SequenceOptions {
  /** compute the leaf hashes on worker threads, one per core (the command-line sequencer) */
  parallel?: boolean;
  /** leaves per transaction (the server keeps it small: SQLite's writers wait for it) */
  batchSize?: number;
  /** stop after this many batches (the timer's tick); default: until caught up */
  maxBatches?: number;
  now?: () => Date;
}

export interface SequenceResult {
  added: number;
  treeSize: number;
  checkpoints: number;
  /** another instance held the sequencer's lock (PostgreSQL) */
  busy: boolean;
  /** seconds spent inside its transactions: on SQLite, how long the app's writers waited for it */
  transactionSeconds: number;
}

interface Pending {
  kind: LeafKind;
  id: number;
  xact: number;
  at: number;
  movement?: MovementRow;
  change?: AgentChangeRow;
  truck?: TruckChangeRow;
}

/** The bound of this transaction's reads in commit order (see COMMIT_HORIZON); null: none (SQLite). */
async function horizon(tx: SqlStatements): Promise<number | null> {
  const [row] = await tx.all<{ horizon: string | null }>(COMMIT_HORIZON);
  return row.horizon === null ? null : Number(row.horizon);
}

/** With worker threads computing the leaves, the sequencer itself only needs each row's place in the order. */
const MOVEMENT_KEYS = sql.raw(`m.id AS "id", m.xact_id AS "xactId", m.occurred_at AS "occurredAt"`);

/** The rows of `alias` committed after the cursor (xact, id), in commit order, at most `limit`. */
const afterCursor = (alias: string, bound: number | null, xact: number, id: number, limit: number) =>
  sql`WHERE ${committedBefore(alias, bound)} AND (${commitOrder(alias)}) > (${commitPosition(xact, id)})
    ORDER BY ${commitOrder(alias)} LIMIT ${limit}`;

async function newMovements(tx: SqlStatements, state: LogState, bound: number | null, limit: number, keysOnly: boolean): Promise<MovementRow[]> {
  const from = keysOnly ? sql`${MOVEMENT_KEYS} FROM movements m` : sql`${MOVEMENT_COLUMNS} FROM movements m JOIN orders o ON o.id = m.order_id`;
  return tx.all<MovementRow>(sql`SELECT ${from} ${afterCursor("m", bound, state.movementXact, state.movementId, limit)}`);
}

async function newAgentChanges(tx: SqlStatements, state: LogState, bound: number | null, limit: number): Promise<AgentChangeRow[]> {
  return tx.all<AgentChangeRow>(
    sql`SELECT ${AGENT_CHANGE_COLUMNS} FROM agent_changes c ${afterCursor("c", bound, state.agentChangeXact, state.agentChangeId, limit)}`,
  );
}

async function newTruckChanges(tx: SqlStatements, state: LogState, bound: number | null, limit: number): Promise<TruckChangeRow[]> {
  return tx.all<TruckChangeRow>(
    sql`SELECT ${TRUCK_CHANGE_COLUMNS} FROM truck_changes t ${afterCursor("t", bound, state.truckChangeXact, state.truckChangeId, limit)}`,
  );
}

function compare(a: Pending, b: Pending): number {
  return a.xact - b.xact || a.at - b.at || LEAF_KINDS[a.kind] - LEAF_KINDS[b.kind] || a.id - b.id;
}

/** A row's place in the merge; `compared` false leaves its instant unread (NaN), for a list merged with nothing. */
const pendingMovement = (m: MovementRow, compared = true): Pending => ({
  kind: "MOVEMENT",
  id: m.id,
  xact: Number(m.xactId),
  at: compared ? fromSqlDate(m.occurredAt).getTime() : NaN,
  movement: m,
});
const pendingAgent = (c: AgentChangeRow, compared = true): Pending => ({
  kind: "AGENT",
  id: c.id,
  xact: Number(c.xactId),
  at: compared ? fromSqlDate(c.changedAt).getTime() : NaN,
  change: c,
});
const pendingTruck = (t: TruckChangeRow, compared = true): Pending => ({
  kind: "TRUCK",
  id: t.id,
  xact: Number(t.xactId),
  at: compared ? fromSqlDate(t.changedAt).getTime() : NaN,
  truck: t,
});

/**
 * A source's next rows, unless the batch is already full of rows that come before all of them:
 * when `ceiling` (the last row of a full list of another source) sorts before this source's first
 * row, none of its rows can make this batch, and one row is read instead of a batch's worth. (A
 * backlog of movements with the registry's changes after them — a restored or seeded database —
 * read every pending change again in each batch.)
 */
async function nextRows<Row>(read: (limit: number) => Promise<Row[]>, pending: (row: Row) => Pending, limit: number, ceiling: Pending | null): Promise<Row[]> {
  if (ceiling) {
    const [first] = await read(1);
    if (!first || compare(pending(first), ceiling) > 0) return [];
  }
  return read(limit);
}

/** Merges the sources' rows, each list in its own order (so each is taken as a prefix), at most `limit` in all. */
function merge(movements: MovementRow[], changes: AgentChangeRow[], trucks: TruckChangeRow[], limit: number): Pending[] {
  const sources = [
    { rows: movements, pending: pendingMovement },
    { rows: changes, pending: pendingAgent },
    { rows: trucks, pending: pendingTruck },
  ].filter((source) => source.rows.length > 0);
  // one source: its prefix, without converting every instant just to compare it with nothing
  if (sources.length === 1) return sources[0].rows.slice(0, limit).map((row) => sources[0].pending(row as never, false));
  const lists: Pending[][] = sources.map((source) => source.rows.map((row) => source.pending(row as never)));
  const next = lists.map(() => 0);
  const out: Pending[] = [];
  while (out.length < limit) {
    let pick = -1;
    for (let k = 0; k < lists.length; k++) {
      if (next[k] < lists[k].length && (pick < 0 || compare(lists[k][next[k]], lists[pick][next[pick]]) < 0)) pick = k;
    }
    if (pick < 0) break;
    out.push(lists[pick][next[pick]++]);
  }
  return out;
}

/**
 * The tree this batch builds on must be the one the log last signed: its stored right edge must
 * give the latest checkpoint's root at that size. Appending only adds to the right of that edge,
 * so every checkpoint the sequencer signs then extends the previous one (a consistency proof
 * between them exists), and a log whose stored tree no longer matches what it signed (tiles or
 * state edited, restored apart from each other) stops signing instead of signing a contradiction.
 */
function assertExtendsLatest(appender: TileAppender, latest: StoredCheckpoint | null): void {
  if (!latest) return;
  if (latest.treeSize > appender.size) {
    throw new Error(`el registro firmó un árbol de ${latest.treeSize} hojas y su estado dice ${appender.size}: no se firma nada más`);
  }
  if (latest.treeSize === appender.size && !equalBytes(appender.root(), latest.rootHash)) {
    throw new Error(`las teselas guardadas no dan la raíz del último checkpoint firmado (${latest.treeSize} hojas): no se firma nada más`);
  }
}

/** Signs and stores the checkpoint of the tree as it now is. */
async function signCheckpoint(tx: SqlStatements, signer: LogSigner, appender: TileAppender, now: Date): Promise<void> {
  const root = appender.root();
  const note = signer.signNote(checkpointText({ origin: signer.name, size: appender.size, root }));
  await insertCheckpoint(tx, { treeSize: appender.size, rootHash: root, note, signedAt: now });
}

/** One batch in the caller's transaction: the number of leaves added, or "busy". */
export async function sequenceBatch(
  tx: SqlStatements,
  signer: LogSigner,
  batchSize: number,
  now: Date,
  leafHasherFor?: (saltKey: Uint8Array) => LeafHasher,
): Promise<number | "busy"> {
  // one instance at a time (PostgreSQL); SQLite's writer already excludes every other
  const [lock] = await tx.all<{ locked: boolean | number }>(tryTransactionLock(SEQUENCER_LOCK));
  if (!lock.locked) return "busy";
  const state = await readOrCreateState(tx, now);
  const bound = await horizon(tx);
  const movements = await newMovements(tx, state, bound, batchSize, leafHasherFor !== undefined);
  const ceiling = movements.length === batchSize ? pendingMovement(movements[batchSize - 1]) : null;
  const changes = await nextRows((limit) => newAgentChanges(tx, state, bound, limit), pendingAgent, batchSize, ceiling);
  const trucks = await nextRows((limit) => newTruckChanges(tx, state, bound, limit), pendingTruck, batchSize, ceiling);
  const batch = merge(movements, changes, trucks, batchSize);

  const edge = await loadTiles(
    tx,
    edgeTiles(state.treeSize)
      .filter((tile) => tile.width > 0)
      .map((tile) => ({ level: tile.level, index: tile.index })),
  );
  const appender = new TileAppender(hasher, state.treeSize, edge);
  const latest = await latestCheckpoint(tx);
  assertExtendsLatest(appender, latest);
  if (batch.length === 0) {
    // nothing new; a tree that grew without a checkpoint (never, but cheap to repair) gets one
    if (state.treeSize > 0 && (latest?.treeSize ?? 0) < state.treeSize) await signCheckpoint(tx, signer, appender, now);
    return 0;
  }

  if (leafHasherFor) {
    // the workers hash while this thread writes the batch's leaf rows (which need no hash)
    const hashing = leafHasherFor(state.saltKey)(batch);
    hashing.catch(() => {}); // awaited below; a failure meanwhile must not count as unhandled
    await insertLeaves(tx, state.treeSize, batch);
    const { hashes, missing } = await hashing;
    if (missing.some((flag) => flag === 1)) throw new Error("una fila del lote desapareció mientras se registraba");
    for (let i = 0; i < batch.length; i++) appender.append(hashes.subarray(i * 32, i * 32 + 32));
  } else {
    const lots = await lotsOf(tx, ordersWithLots(batch.flatMap((p) => (p.movement ? [p.movement] : []))));
    const salts = saltsFor(state.saltKey, batch);
    batch.forEach((pending, i) => {
      const record = pending.movement ? movementRecord(pending.movement, lots) : pending.change ? agentRecord(pending.change) : truckRecord(pending.truck!);
      appender.append(hasher.leaf(leafOf(sha256, record, salts.subarray(i * 32, i * 32 + 32))));
    });
    await insertLeaves(tx, state.treeSize, batch);
  }
  await writeTiles(tx, appender.dirtyTiles());

  const next: LogState = { ...state, treeSize: appender.size };
  for (const pending of batch) {
    if (pending.kind === "MOVEMENT") Object.assign(next, { movementXact: pending.xact, movementId: pending.id });
    else if (pending.kind === "AGENT") Object.assign(next, { agentChangeXact: pending.xact, agentChangeId: pending.id });
    else Object.assign(next, { truckChangeXact: pending.xact, truckChangeId: pending.id });
  }
  await writeState(tx, next, now);
  await signCheckpoint(tx, signer, appender, now);
  return batch.length;
}

/** Sequences until caught up (or `maxBatches`), one transaction per batch. */
export async function sequence(db: Database, signer: LogSigner, options: SequenceOptions = {}): Promise<SequenceResult> {
  const batchSize = options.batchSize ?? 1000;
  const now = options.now ?? (() => new Date());
  let added = 0;
  let checkpoints = 0;
  let transactionSeconds = 0;
  let pool: LeafPool | undefined;
  const leafHasherFor = options.parallel ? (saltKey: Uint8Array) => (pool ??= startLeafPool(db.url, saltKey)).hasher : undefined;
  try {
    for (let batches = 0; options.maxBatches === undefined || batches < options.maxBatches; batches++) {
      const result = await db.sql.transaction(async (tx) => {
        const entered = performance.now();
        try {
          return await sequenceBatch(tx, signer, batchSize, now(), leafHasherFor);
        } finally {
          transactionSeconds += (performance.now() - entered) / 1000;
        }
      });
      if (result === "busy") return { added, treeSize: await treeSize(db), checkpoints, busy: true, transactionSeconds };
      added += result;
      if (result > 0) checkpoints++;
      if (result < batchSize) break;
      // let the app's requests in between batches (SQLite: they wait for the same lock)
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    await pool?.close();
  }
  return { added, treeSize: await treeSize(db), checkpoints, busy: false, transactionSeconds };
}

/**
 * Whether a run would have anything to do: rows after the cursors, or a tree without its
 * checkpoint. A read, so an idle server's timer takes no write lock and syncs nothing.
 */
export async function hasWork(db: Database): Promise<boolean> {
  const state = await readState(db.sql);
  if (!state) return true;
  const [row] = await db.sql.all<{ movements: number; changes: number; trucks: number; signed: number | null }>(
    sql`SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM movements m WHERE (${commitOrder("m")}) > (${commitPosition(state.movementXact, state.movementId)}) LIMIT 1) m) AS "movements",
            (SELECT COUNT(*) FROM (SELECT 1 FROM agent_changes c WHERE (${commitOrder("c")}) > (${commitPosition(state.agentChangeXact, state.agentChangeId)}) LIMIT 1) c) AS "changes",
            (SELECT COUNT(*) FROM (SELECT 1 FROM truck_changes t WHERE (${commitOrder("t")}) > (${commitPosition(state.truckChangeXact, state.truckChangeId)}) LIMIT 1) t) AS "trucks",
            (SELECT MAX(tree_size) FROM log_checkpoints) AS "signed"`,
  );
  return Number(row.movements) > 0 || Number(row.changes) > 0 || Number(row.trucks) > 0 || Number(row.signed ?? 0) < state.treeSize;
}

export async function treeSize(db: Database): Promise<number> {
  const [row] = await db.sql.all<{ size: number }>(sql`SELECT tree_size AS "size" FROM log_state WHERE id = 1`);
  return row ? Number(row.size) : 0;
}
