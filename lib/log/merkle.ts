/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), section 2.1: leaf hash
 * SHA-256(0x00 || leaf), node hash SHA-256(0x01 || left || right), the tree of n leaves split at the
 * largest power of two below n, and its inclusion and consistency proofs — generated (PATH and
 * SUBPROOF, 2.1.3.1 and 2.1.4.1) and verified (2.1.3.2 and 2.1.4.2) exactly as the RFC writes them.
 *
 * Isomorphic: it runs on the server and in the browser's verification page. SHA-256 is passed in
 * (node:crypto on the server, @noble/hashes in the browser). Indices are plain numbers, exact up
 * to 2^53 leaves: the algorithms use division, not JavaScript's 32-bit shifts.
 */

export type Hash = Uint8Array;

/** SHA-256 of the concatenation of the parts. */
export type Sha256 = (...parts: Uint8Array[]) => Uint8Array;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

export interface Hasher {
  leaf(data: Uint8Array): Hash;
  node(left: Hash, right: Hash): Hash;
  /** MTH({}) = SHA-256 of the empty string. */
  empty(): Hash;
}

export function rfc9162Hasher(sha256: Sha256): Hasher {
  return {
    leaf: (data) => sha256(LEAF_PREFIX, data),
    node: (left, right) => sha256(NODE_PREFIX, left, right),
    empty: () => sha256(),
  };
}

/** The largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}

/**
 * The hash of a perfect, aligned subtree: leaves [index·2^level, (index+1)·2^level). A log keeps
 * these (as tiles, lib/log/tiles.ts); proofs only ever ask for complete ones.
 */
export type NodeSource = (level: number, index: number) => Hash;

/** MTH(D[start:end]) from the perfect subtrees a tree of this shape is made of (RFC 9162 2.1.1). */
export function subtreeHash(hasher: Hasher, node: NodeSource, start: number, end: number): Hash {
  const size = end - start;
  if (size <= 0) throw new RangeError(`rango vacío [${start}, ${end})`);
  if (isPowerOfTwo(size) && start % size === 0) return node(Math.log2(size), start / size);
  const k = splitPoint(size);
  return hasher.node(subtreeHash(hasher, node, start, start + k), subtreeHash(hasher, node, start + k, end));
}

/** PATH(m, D[start:end]) of RFC 9162 2.1.3.1, for the leaf at absolute index `index`. */
function path(hasher: Hasher, node: NodeSource, index: number, start: number, end: number): Hash[] {
  const n = end - start;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (index - start < k) return [...path(hasher, node, index, start, start + k), subtreeHash(hasher, node, start + k, end)];
  return [...path(hasher, node, index, start + k, end), subtreeHash(hasher, node, start, start + k)];
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. */
export function inclusionProof(hasher: Hasher, node: NodeSource, index: number, size: number): Hash[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`la hoja ${index} no está en un árbol de ${size} hojas`);
  }
  return path(hasher, node, index, 0, size);
}

/** SUBPROOF(m, D[start:end], b) of RFC 9162 2.1.4.1. */
function subproof(hasher: Hasher, node: NodeSource, m: number, start: number, end: number, complete: boolean): Hash[] {
  const n = end - start;
  if (m === n) return complete ? [] : [subtreeHash(hasher, node, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(hasher, node, m, start, start + k, complete), subtreeHash(hasher, node, start + k, end)];
  return [...subproof(hasher, node, m - k, start + k, end, false), subtreeHash(hasher, node, start, start + k)];
}

/** The consistency proof between the trees of size1 and size2 leaves (0 < size1 ≤ size2; empty when equal). */
export function consistencyProof(hasher: Hasher, node: NodeSource, size1: number, size2: number): Hash[] {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size1 > size2) {
    throw new RangeError(`no hay prueba de consistencia de ${size1} a ${size2} hojas`);
  }
  if (size1 === 0 || size1 === size2) return [];
  return subproof(hasher, node, size1, 0, size2, true);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}

const half = (x: number) => Math.floor(x / 2);
const odd = (x: number) => x % 2 === 1;

/**
 * The root an inclusion proof leads to (RFC 9162 2.1.3.2, steps 1–4), or null when the proof
 * cannot be one of leaf `index` in a tree of `size` leaves.
 */
export function rootFromInclusionProof(hasher: Hasher, index: number, size: number, leafHash: Hash, proof: readonly Hash[]): Hash | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size || leafHash.length !== 32) return null;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (p.length !== 32) return null;
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = hasher.node(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = hasher.node(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 2.1.3.2: whether `proof` shows leaf `index` with hash `leafHash` in the tree of `size` leaves with this root. */
export function verifyInclusion(hasher: Hasher, index: number, size: number, leafHash: Hash, proof: readonly Hash[], root: Hash): boolean {
  const computed = rootFromInclusionProof(hasher, index, size, leafHash, proof);
  return computed !== null && equalBytes(computed, root);
}

/**
 * RFC 9162 2.1.4.2: whether `proof` shows the tree of size1 leaves (root1) to be a prefix of the tree
 * of size2 leaves (root2). Equal sizes need an empty proof and equal roots. A proof from the empty
 * tree proves nothing and is refused, as the reference implementation (transparency-dev/merkle) does.
 */
export function verifyConsistency(hasher: Hasher, size1: number, size2: number, proof: readonly Hash[], root1: Hash, root2: Hash): boolean {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1) return false;
  if (size1 === 0) return false;
  if (size1 === size2) return proof.length === 0 && equalBytes(root1, root2);
  if (proof.length === 0 || proof.some((p) => p.length !== 32)) return false;
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  const c = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // 3–4.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr = c[0];
  let sr = c[0];
  // 6.
  for (const p of c.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hasher.node(p, fr);
      sr = hasher.node(p, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = hasher.node(sr, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sn === 0 && equalBytes(fr, root1) && equalBytes(sr, root2);
}

/**
 * Builds the root of a growing tree from its leaf hashes in order, keeping only the right edge
 * (one perfect subtree per set bit of the size): what the verifier uses to recompute the whole
 * tree from millions of leaves in one pass, with the root at any intermediate size on demand.
 */
export class TreeBuilder {
  /** perfect subtrees of decreasing size, left to right; stack[i] has `sizes[i]` leaves */
  readonly #stack: Hash[] = [];
  readonly #sizes: number[] = [];
  size = 0;

  constructor(private readonly hasher: Hasher) {}

  append(leafHash: Hash): void {
    let hash = leafHash;
    let size = 1;
    while (this.#sizes.length && this.#sizes[this.#sizes.length - 1] === size) {
      hash = this.hasher.node(this.#stack.pop()!, hash);
      size += this.#sizes.pop()!;
    }
    this.#stack.push(hash);
    this.#sizes.push(size);
    this.size++;
  }

  root(): Hash {
    if (this.#stack.length === 0) return this.hasher.empty();
    let root = this.#stack[this.#stack.length - 1];
    for (let i = this.#stack.length - 2; i >= 0; i--) root = this.hasher.node(this.#stack[i], root);
    return root;
  }
}
