/**
 * What the log serves: checkpoints, inclusion and consistency proofs computed from the stored
 * tiles (RFC 9162 PATH and SUBPROOF), tiles, and the bytes of a leaf. Read-only; every answer for
 * a given index and size is immutable.
 */
import type { SqlStatements } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import { commitRecord } from "./leaf";
import { consistencyProof, inclusionProof, type Hash } from "./merkle";
import { hasher, sha256 } from "./node-crypto";
import { recordsOf, saltFor } from "./records";
import { latestCheckpoint, leafSource, loadTiles, readState } from "./store";
import { HASH_BYTES, TILE_WIDTH, withTiles } from "./tiles";

/**
 * Full tiles never change in one log, so the process keeps the last ones it read (8 KB each, 4 MB
 * per database), and a proof usually reads only its level-0 tile from the database. The cache
 * belongs to the database handle it was read through (its SqlStatements, `database().sql`), never
 * to the process: a process that opens two databases (the tests, bench:log over both engines, a
 * verifier run after another) must not prove one log with another's tiles — the same (level,
 * index) holds other hashes in every log. A transaction's statements get a cache of their own.
 */
const FULL_TILE_CACHE = 512;
const fullTilesByDatabase = new WeakMap<SqlStatements, Map<string, Uint8Array>>();

function fullTilesOf(tx: SqlStatements): Map<string, Uint8Array> {
  let cache = fullTilesByDatabase.get(tx);
  if (!cache) fullTilesByDatabase.set(tx, (cache = new Map()));
  return cache;
}

async function cachedTiles(tx: SqlStatements, keys: readonly { level: number; index: number }[]) {
  const fullTiles = fullTilesOf(tx);
  const missing = keys.filter((key) => !fullTiles.has(`${key.level}/${key.index}`));
  const loaded = await loadTiles(tx, missing);
  const tiles = new Map(loaded);
  for (const key of keys) {
    const id = `${key.level}/${key.index}`;
    const cached = fullTiles.get(id);
    if (cached) {
      fullTiles.delete(id); // most recently used goes last
      fullTiles.set(id, cached);
      tiles.set(id, cached);
    }
  }
  for (const [id, blob] of loaded) {
    if (blob.length !== TILE_WIDTH * HASH_BYTES) continue;
    fullTiles.set(id, blob);
    if (fullTiles.size > FULL_TILE_CACHE) fullTiles.delete(fullTiles.keys().next().value!);
  }
  return tiles;
}

function notInTree(message: string): DomainError {
  return new DomainError("not_found", "FUERA_DEL_REGISTRO", message);
}

/** The size of the latest signed tree: proofs are only given up to it. */
async function signedSize(tx: SqlStatements): Promise<number> {
  return (await latestCheckpoint(tx))?.treeSize ?? 0;
}

export async function inclusionProofAt(tx: SqlStatements, index: number, size: number): Promise<Hash[]> {
  const latest = await signedSize(tx);
  if (size > latest) throw notInTree(`El registro firmado tiene ${latest} hojas: no hay prueba para un árbol de ${size}.`);
  if (index >= size) throw notInTree(`La hoja ${index} no está en un árbol de ${size} hojas.`);
  return withTiles(hasher, (keys) => cachedTiles(tx, keys), (nodes) => inclusionProof(hasher, nodes, index, size));
}

export async function consistencyProofBetween(tx: SqlStatements, size1: number, size2: number): Promise<Hash[]> {
  const latest = await signedSize(tx);
  if (size2 > latest) throw notInTree(`El registro firmado tiene ${latest} hojas: no hay prueba hasta un árbol de ${size2}.`);
  if (size1 > size2) throw new DomainError("invalid", "DATOS_INVALIDOS", "El primer tamaño no puede ser mayor que el segundo.");
  return withTiles(hasher, (keys) => cachedTiles(tx, keys), (nodes) => consistencyProof(hasher, nodes, size1, size2));
}

/**
 * A tile as C2SP tlog-tiles serves it: full (256 hashes), or the first `width` hashes of a partial
 * one. Only tiles of the signed tree are served.
 */
export async function tileAt(tx: SqlStatements, level: number, index: number, width: number | null): Promise<Uint8Array> {
  const size = await signedSize(tx);
  const covered = Math.floor(size / TILE_WIDTH ** level); // hashes of this level in the signed tree
  const available = Math.min(TILE_WIDTH, covered - index * TILE_WIDTH);
  const wanted = width ?? TILE_WIDTH;
  if (available < wanted || (width !== null && width >= TILE_WIDTH)) throw notInTree("Esa tesela no existe en el registro firmado.");
  const tiles = await loadTiles(tx, [{ level, index }]);
  const blob = tiles.get(`${level}/${index}`);
  if (!blob || blob.length < wanted * HASH_BYTES) throw notInTree("Esa tesela no existe en el registro firmado.");
  return blob.subarray(0, wanted * HASH_BYTES);
}

/** The 34 bytes of leaf `index` (recomputed from its row), or not found beyond the signed tree. */
export async function leafAt(tx: SqlStatements, index: number): Promise<Uint8Array> {
  if (index >= (await signedSize(tx))) throw notInTree(`La hoja ${index} no está en el registro firmado.`);
  const source = await leafSource(tx, index);
  const state = await readState(tx);
  const record = source && (await recordsOf(tx, [source])).get(`${source.kind}:${source.id}`);
  if (!source || !state || !record) throw new Error(`la hoja ${index} no tiene su registro de origen`);
  return commitRecord(sha256, record, saltFor(state.saltKey, source)).leaf;
}
