/**
 * The tree stored as C2SP tlog-tiles: a tile of level L and index N holds up to 256 consecutive
 * hashes of tree level 8·L (level 0: leaf hashes; level L: the roots of full tiles of level L - 1).
 * Only the rightmost tile of each level is partial, and it only grows, so a partial tile of an
 * older tree size is a prefix of today's. Any complete subtree's hash comes from one tile and at
 * most 127 node hashes; an inclusion proof in a 3.2-million-leaf tree reads four or five tiles.
 */
import { concatBytes } from "./bytes";
import { subtreeHash, type Hash, type Hasher, type NodeSource } from "./merkle";

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
export const HASH_BYTES = 32;

export const tileKey = (level: number, index: number) => `${level}/${index}`;

/** The tiles one computation needs, as stored blobs (concatenated 32-byte hashes) by tileKey. */
export type TileBlobs = Map<string, Uint8Array>;

/** The hash of the perfect subtree [first, first + 2^height) over a tile's entries. */
function perfectHash(hasher: Hasher, blob: Uint8Array, first: number, height: number): Hash {
  let level: Hash[] = [];
  for (let i = 0; i < 2 ** height; i++) {
    const offset = (first + i) * HASH_BYTES;
    level.push(blob.subarray(offset, offset + HASH_BYTES));
  }
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(hasher.node(level[i], level[i + 1]));
    level = next;
  }
  return level[0];
}

/** Which tile holds the entries of node (level, index), and where. */
export function tileOf(level: number, index: number) {
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const height = level % TILE_HEIGHT;
  const first = index * 2 ** height;
  return { tileLevel, tileIndex: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, height };
}

/** A NodeSource over tiles already loaded; a missing or too narrow tile is an error (the node is not complete). */
export function nodesFromTiles(hasher: Hasher, tiles: TileBlobs): NodeSource {
  return (level, index) => {
    const { tileLevel, tileIndex, offset, height } = tileOf(level, index);
    const blob = tiles.get(tileKey(tileLevel, tileIndex));
    if (!blob || blob.length < (offset + 2 ** height) * HASH_BYTES) {
      throw new Error(`el árbol no tiene el nodo (${level}, ${index}): tesela ${tileKey(tileLevel, tileIndex)} ausente o incompleta`);
    }
    return perfectHash(hasher, blob, offset, height);
  };
}

const ZERO = new Uint8Array(HASH_BYTES);

/**
 * Runs `compute` once against a recording node source to learn which tiles it needs, loads them
 * (one query), and runs it again for real.
 */
export async function withTiles<T>(hasher: Hasher, load: (keys: { level: number; index: number }[]) => Promise<TileBlobs>, compute: (nodes: NodeSource) => T): Promise<T> {
  const needed = new Map<string, { level: number; index: number }>();
  compute((level, index) => {
    const { tileLevel, tileIndex } = tileOf(level, index);
    needed.set(tileKey(tileLevel, tileIndex), { level: tileLevel, index: tileIndex });
    return ZERO;
  });
  const tiles = needed.size ? await load([...needed.values()]) : new Map();
  return compute(nodesFromTiles(hasher, tiles));
}

/** The rightmost (partial) tile of each level for a tree of `size` leaves: where the next hashes go. */
export function edgeTiles(size: number): { level: number; index: number; width: number }[] {
  const edge = [];
  for (let level = 0; TILE_WIDTH ** level <= size; level++) {
    const width = Math.floor(size / TILE_WIDTH ** level) % TILE_WIDTH;
    edge.push({ level, index: Math.floor(size / TILE_WIDTH ** (level + 1)), width });
  }
  return edge;
}

/**
 * Appends leaf hashes to a tree held as its right edge (the partial tile of each level), folding
 * every tile that fills into the level above. Collects the tiles to write back.
 */
export class TileAppender {
  #edge: { index: number; hashes: Hash[] }[] = [];
  #full: { level: number; index: number; blob: Uint8Array }[] = [];
  size: number;

  constructor(
    private readonly hasher: Hasher,
    size: number,
    edge: TileBlobs,
  ) {
    this.size = size;
    for (const tile of edgeTiles(size)) {
      const blob = edge.get(tileKey(tile.level, tile.index)) ?? new Uint8Array();
      if (blob.length < tile.width * HASH_BYTES) throw new Error(`falta la tesela ${tileKey(tile.level, tile.index)} del borde del árbol`);
      const hashes = [];
      for (let i = 0; i < tile.width; i++) hashes.push(blob.slice(i * HASH_BYTES, (i + 1) * HASH_BYTES));
      this.#edge[tile.level] = { index: tile.index, hashes };
    }
  }

  append(leafHash: Hash): void {
    let hash = leafHash;
    for (let level = 0; ; level++) {
      const tile = (this.#edge[level] ??= { index: 0, hashes: [] });
      tile.hashes.push(hash);
      if (tile.hashes.length < TILE_WIDTH) break;
      const blob = concatBytes(...tile.hashes);
      this.#full.push({ level, index: tile.index, blob });
      hash = perfectHash(this.hasher, blob, 0, TILE_HEIGHT);
      this.#edge[level] = { index: tile.index + 1, hashes: [] };
    }
    this.size++;
  }

  /** The tiles to store: every tile that filled, and the partial tile of each level. */
  dirtyTiles(): { level: number; index: number; blob: Uint8Array }[] {
    const partial = this.#edge
      .map((tile, level) => ({ level, index: tile.index, blob: concatBytes(...tile.hashes) }))
      .filter((tile) => tile.blob.length > 0);
    return [...this.#full, ...partial];
  }

  /** MTH of the whole tree, from the edge alone. */
  root(): Hash {
    if (this.size === 0) return this.hasher.empty();
    const tiles: TileBlobs = new Map();
    this.#edge.forEach((tile, level) => tiles.set(tileKey(level, tile.index), concatBytes(...tile.hashes)));
    return subtreeHash(this.hasher, nodesFromTiles(this.hasher, tiles), 0, this.size);
  }
}

/** A tile index as a tlog-tiles path: 1234067 → "x001/x234/067". */
export function tilePath(index: number): string {
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, "0"));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((group, i) => (i < groups.length - 1 ? `x${group}` : group)).join("/");
}

/** The inverse of tilePath; null when the segments are not a canonical tile index. */
export function parseTilePath(segments: readonly string[]): number | null {
  if (segments.length === 0) return null;
  let index = 0;
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    const match = (last ? /^(\d{3})$/ : /^x(\d{3})$/).exec(segments[i]);
    if (!match) return null;
    index = index * 1000 + Number(match[1]);
  }
  if (!Number.isSafeInteger(index) || tilePath(index) !== segments.join("/")) return null;
  return index;
}
