/** The log's tables (log_state, log_leaves, log_tiles, log_checkpoints), through lib/db/sql.ts's runner. */
import { randomBytes } from "node:crypto";
import { fromSqlDate, sql, type SqlStatements } from "@/lib/db/sql";
import type { LeafKind } from "./leaf";
import { tileKey, type TileBlobs } from "./tiles";

export interface LogState {
  treeSize: number;
  saltKey: Uint8Array;
  movementXact: number;
  movementId: number;
  agentChangeXact: number;
  agentChangeId: number;
  truckChangeXact: number;
  truckChangeId: number;
}

const STATE_COLUMNS = sql.raw(`tree_size AS "treeSize", salt_key AS "saltKey", movement_xact AS "movementXact", movement_id AS "movementId",
  agent_change_xact AS "agentChangeXact", agent_change_id AS "agentChangeId", truck_change_xact AS "truckChangeXact", truck_change_id AS "truckChangeId"`);

const bytes = (value: unknown) => new Uint8Array(value as Buffer);

export async function readState(tx: SqlStatements): Promise<LogState | null> {
  const [row] = await tx.all<LogState>(sql`SELECT ${STATE_COLUMNS} FROM log_state WHERE id = 1`);
  return row
    ? {
        ...row,
        saltKey: bytes(row.saltKey),
        movementXact: Number(row.movementXact),
        agentChangeXact: Number(row.agentChangeXact),
        truckChangeXact: Number(row.truckChangeXact),
        truckChangeId: Number(row.truckChangeId),
      }
    : null;
}

/** The state, created with a fresh random salt key the first time. */
export async function readOrCreateState(tx: SqlStatements, now: Date): Promise<LogState> {
  const existing = await readState(tx);
  if (existing) return existing;
  await tx.run(
    sql`INSERT INTO log_state (id, tree_size, salt_key, movement_xact, movement_id, agent_change_xact, agent_change_id, truck_change_xact, truck_change_id, updated_at)
     VALUES (1, 0, ${randomBytes(32)}, 0, 0, 0, 0, 0, 0, ${now}) ON CONFLICT (id) DO NOTHING`,
  );
  return (await readState(tx))!;
}

export async function writeState(tx: SqlStatements, state: LogState, now: Date): Promise<void> {
  await tx.run(
    sql`UPDATE log_state SET tree_size = ${state.treeSize}, movement_xact = ${state.movementXact}, movement_id = ${state.movementId},
      agent_change_xact = ${state.agentChangeXact}, agent_change_id = ${state.agentChangeId},
      truck_change_xact = ${state.truckChangeXact}, truck_change_id = ${state.truckChangeId}, updated_at = ${now} WHERE id = 1`,
  );
}

export async function loadTiles(tx: SqlStatements, keys: readonly { level: number; index: number }[]): Promise<TileBlobs> {
  const tiles: TileBlobs = new Map();
  if (keys.length === 0) return tiles;
  const where = sql.join(
    keys.map((key) => sql`(level = ${key.level} AND tile_index = ${key.index})`),
    " OR ",
  );
  const rows = await tx.all<{ level: number; tileIndex: number; hashes: Buffer }>(
    sql`SELECT level AS "level", tile_index AS "tileIndex", hashes AS "hashes" FROM log_tiles WHERE ${where}`,
  );
  for (const row of rows) tiles.set(tileKey(row.level, row.tileIndex), bytes(row.hashes));
  return tiles;
}

export async function writeTiles(tx: SqlStatements, tiles: readonly { level: number; index: number; blob: Uint8Array }[]): Promise<void> {
  for (let i = 0; i < tiles.length; i += 200) {
    const chunk = tiles.slice(i, i + 200);
    const rows = chunk.map((tile) => sql`(${tile.level}, ${tile.index}, ${Buffer.from(tile.blob)})`);
    await tx.run(
      sql`INSERT INTO log_tiles (level, tile_index, hashes) VALUES ${sql.join(rows)}
       ON CONFLICT (level, tile_index) DO UPDATE SET hashes = excluded.hashes`,
    );
  }
}

export async function insertLeaves(tx: SqlStatements, first: number, sources: readonly { kind: LeafKind; id: number }[]): Promise<void> {
  for (let i = 0; i < sources.length; i += 1000) {
    const chunk = sources.slice(i, i + 1000);
    const rows = chunk.map((source, j) => sql`(${first + i + j}, ${source.kind}, ${source.id})`);
    // prepared once: every full chunk has the same text (1,000 rows), so it is parsed once per connection
    await tx.run(sql.prepared`INSERT INTO log_leaves (leaf_index, kind, source_id) VALUES ${sql.join(rows)}`);
  }
}

export interface StoredCheckpoint {
  treeSize: number;
  rootHash: Uint8Array;
  note: string;
  signedAt: Date;
}

const CHECKPOINT_COLUMNS = sql.raw(`tree_size AS "treeSize", root_hash AS "rootHash", note AS "note", signed_at AS "signedAt"`);

function checkpointOf(row: { treeSize: number; rootHash: unknown; note: string; signedAt: unknown }): StoredCheckpoint {
  return { treeSize: Number(row.treeSize), rootHash: bytes(row.rootHash), note: row.note, signedAt: fromSqlDate(row.signedAt) };
}

export async function latestCheckpoint(tx: SqlStatements): Promise<StoredCheckpoint | null> {
  const [row] = await tx.all<{ treeSize: number; rootHash: unknown; note: string; signedAt: unknown }>(
    sql`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints ORDER BY tree_size DESC LIMIT 1`,
  );
  return row ? checkpointOf(row) : null;
}

/** Checkpoints in size order, a page at a time (after a size, at most `limit`). */
export async function checkpointsAfter(tx: SqlStatements, afterSize: number, limit: number): Promise<StoredCheckpoint[]> {
  const rows = await tx.all<{ treeSize: number; rootHash: unknown; note: string; signedAt: unknown }>(
    sql`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints WHERE tree_size > ${afterSize} ORDER BY tree_size LIMIT ${limit}`,
  );
  return rows.map(checkpointOf);
}

export async function insertCheckpoint(tx: SqlStatements, checkpoint: StoredCheckpoint): Promise<void> {
  await tx.run(
    sql`INSERT INTO log_checkpoints (tree_size, root_hash, note, signed_at)
      VALUES (${checkpoint.treeSize}, ${Buffer.from(checkpoint.rootHash)}, ${checkpoint.note}, ${checkpoint.signedAt})`,
  );
}

export async function leafSource(tx: SqlStatements, index: number): Promise<{ kind: LeafKind; id: number } | null> {
  const [row] = await tx.all<{ kind: LeafKind; id: number }>(sql`SELECT kind AS "kind", source_id AS "id" FROM log_leaves WHERE leaf_index = ${index}`);
  return row ?? null;
}

/** The leaf indices of these sources (those already in the log). */
export async function leafIndicesOf(tx: SqlStatements, kind: LeafKind, ids: readonly number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.all<{ id: number; leafIndex: number }>(
    sql`SELECT source_id AS "id", leaf_index AS "leafIndex" FROM log_leaves WHERE kind = ${kind} AND source_id IN (${sql.join(ids)})`,
  );
  return new Map(rows.map((row) => [row.id, row.leafIndex]));
}

/** Tiles of one level with indices in [from, to], by index. */
export async function loadTileRange(tx: SqlStatements, level: number, from: number, to: number): Promise<Map<number, Uint8Array>> {
  const rows = await tx.all<{ tileIndex: number; hashes: Buffer }>(
    sql`SELECT tile_index AS "tileIndex", hashes AS "hashes" FROM log_tiles WHERE level = ${level} AND tile_index BETWEEN ${from} AND ${to}`,
  );
  return new Map(rows.map((row) => [Number(row.tileIndex), bytes(row.hashes)]));
}

export async function leafSources(tx: SqlStatements, from: number, to: number): Promise<{ index: number; kind: LeafKind; id: number }[]> {
  const rows = await tx.all<{ index: number; kind: LeafKind; id: number }>(
    sql`SELECT leaf_index AS "index", kind AS "kind", source_id AS "id" FROM log_leaves WHERE leaf_index >= ${from} AND leaf_index < ${to} ORDER BY leaf_index`,
  );
  return rows.map((row) => ({ ...row, index: Number(row.index), id: Number(row.id) }));
}
