/**
 * RFC 9162's Merkle tree (lib/log/merkle.ts) and its tile storage (lib/log/tiles.ts): the hashes
 * of RFC 6962's reference tree, the proofs of transparency-dev/merkle's reference tests and its
 * probes (tests/log/vectors/transparency-dev, Apache 2.0), and, property-based, against a naive
 * implementation written straight from the RFC's recursive definitions for many tree sizes.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromBase64, fromHex, toHex } from "@/lib/log/bytes";
import {
  TreeBuilder,
  consistencyProof,
  inclusionProof,
  splitPoint,
  subtreeHash,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from "@/lib/log/merkle";
import { hasher, sha256 } from "@/lib/log/node-crypto";
import { TileAppender, edgeTiles, nodesFromTiles, parseTilePath, tileKey, tilePath, withTiles, type TileBlobs } from "@/lib/log/tiles";

// ---- a naive reference, RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1 over the leaf list -------------------

function mth(leaves: Uint8Array[]): Hash {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return hasher.leaf(leaves[0]);
  const k = splitPoint(leaves.length);
  return hasher.node(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function refPath(m: number, leaves: Uint8Array[]): Hash[] {
  if (leaves.length <= 1) return [];
  const k = splitPoint(leaves.length);
  return m < k ? [...refPath(m, leaves.slice(0, k)), mth(leaves.slice(k))] : [...refPath(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

function refSubproof(m: number, leaves: Uint8Array[], complete: boolean): Hash[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [mth(leaves)];
  const k = splitPoint(n);
  return m <= k
    ? [...refSubproof(m, leaves.slice(0, k), complete), mth(leaves.slice(k))]
    : [...refSubproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

/** The leaves' tree stored as tiles, as the sequencer stores it. */
function tilesOf(leaves: Uint8Array[]): { tiles: TileBlobs; appender: TileAppender } {
  const appender = new TileAppender(hasher, 0, new Map());
  for (const leaf of leaves) appender.append(hasher.leaf(leaf));
  const tiles: TileBlobs = new Map(appender.dirtyTiles().map((tile) => [tileKey(tile.level, tile.index), tile.blob]));
  return { tiles, appender };
}

const hex = (hashes: Hash[]) => hashes.map(toHex);

// ---- RFC 6962's reference tree (the leaves of RFC 6962's examples, as in transparency-dev/merkle) -

const REFERENCE_LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(fromHex);
/** MTH of the first 1…8 reference leaves. */
const REFERENCE_ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
/** transparency-dev/merkle's inclusionProofs (its leaf numbers are 1-based there). */
const REFERENCE_INCLUSION: [index: number, size: number, proof: string[]][] = [
  [0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]],
  [5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]],
  [2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]],
  [1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]],
];
const REFERENCE_CONSISTENCY: [size1: number, size2: number, proof: string[]][] = [
  [1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]],
  [6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]],
  [2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e", "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]],
  [6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a", "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f", "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]],
];

describe("RFC 6962 / 9162 hashes", () => {
  it("match the reference hasher's known answers", () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    expect(toHex(hasher.empty())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(toHex(hasher.leaf(new Uint8Array()))).toBe("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
    expect(toHex(hasher.leaf(utf8("L123456")))).toBe("395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56");
    expect(toHex(hasher.node(utf8("N123"), utf8("N456")))).toBe("aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb");
  });

  it("give the reference tree's root at every size, from tiles and from the streaming builder", () => {
    const builder = new TreeBuilder(hasher);
    REFERENCE_LEAVES.forEach((leaf, i) => {
      builder.append(hasher.leaf(leaf));
      const { appender } = tilesOf(REFERENCE_LEAVES.slice(0, i + 1));
      expect(toHex(builder.root())).toBe(REFERENCE_ROOTS[i]);
      expect(toHex(appender.root())).toBe(REFERENCE_ROOTS[i]);
      expect(toHex(mth(REFERENCE_LEAVES.slice(0, i + 1)))).toBe(REFERENCE_ROOTS[i]);
    });
  });

  it("generate exactly the reference inclusion and consistency proofs", () => {
    const { tiles } = tilesOf(REFERENCE_LEAVES);
    const nodes = nodesFromTiles(hasher, tiles);
    for (const [index, size, proof] of REFERENCE_INCLUSION) {
      expect(hex(inclusionProof(hasher, nodes, index, size)), `inclusion ${index} in ${size}`).toEqual(proof);
      expect(verifyInclusion(hasher, index, size, hasher.leaf(REFERENCE_LEAVES[index]), proof.map(fromHex), fromHex(REFERENCE_ROOTS[size - 1]))).toBe(true);
    }
    for (const [size1, size2, proof] of REFERENCE_CONSISTENCY) {
      expect(hex(consistencyProof(hasher, nodes, size1, size2)), `consistency ${size1} → ${size2}`).toEqual(proof);
      expect(verifyConsistency(hasher, size1, size2, proof.map(fromHex), fromHex(REFERENCE_ROOTS[size1 - 1]), fromHex(REFERENCE_ROOTS[size2 - 1]))).toBe(true);
    }
  });
});

describe("transparency-dev/merkle probes", () => {
  const vectors = path.resolve(import.meta.dirname, "vectors/transparency-dev");
  const load = (name: string) => JSON.parse(readFileSync(path.join(vectors, name), "utf8")) as Record<string, unknown>[];
  const b64 = (value: unknown) => (value ? fromBase64(value as string) : new Uint8Array());
  const list = (value: unknown) => ((value as string[] | null) ?? []).map(fromBase64);

  it.each(load("inclusion.json").map((probe) => [probe.file as string, probe] as const))("inclusion %s", (_, probe) => {
    const ok = verifyInclusion(hasher, probe.leafIdx as number, probe.treeSize as number, b64(probe.leafHash), list(probe.proof), b64(probe.root));
    expect(ok).toBe(!probe.wantErr);
  });

  it.each(load("consistency.json").map((probe) => [probe.file as string, probe] as const))("consistency %s", (_, probe) => {
    const ok = verifyConsistency(hasher, probe.size1 as number, probe.size2 as number, list(probe.proof), b64(probe.root1), b64(probe.root2));
    expect(ok).toBe(!probe.wantErr);
  });
});

describe("proofs from tiles against the naive reference, at many tree sizes", () => {
  const leavesOf = (n: number, salt: number) => Array.from({ length: n }, (_, i) => new TextEncoder().encode(`hoja ${salt}:${i}`));

  it("inclusion: the same proof as PATH, which verifies; any flipped bit or wrong index fails", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (size, rawIndex, salt, bit) => {
        const leaves = leavesOf(size, salt);
        const index = rawIndex % size;
        const { tiles } = tilesOf(leaves);
        const proof = inclusionProof(hasher, nodesFromTiles(hasher, tiles), index, size);
        expect(hex(proof)).toEqual(hex(refPath(index, leaves)));
        const root = mth(leaves);
        const leafHash = hasher.leaf(leaves[index]);
        expect(verifyInclusion(hasher, index, size, leafHash, proof, root)).toBe(true);
        if (proof.length) {
          const bad = proof.map((hash) => Uint8Array.from(hash));
          bad[bit % bad.length][bit % 32] ^= 1 << bit % 8;
          expect(verifyInclusion(hasher, index, size, leafHash, bad, root)).toBe(false);
          expect(verifyInclusion(hasher, (index + 1) % size, size, leafHash, proof, root)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("consistency: the same proof as SUBPROOF, which verifies; a wrong root or a flipped bit fails", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 700 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), (size2, rawSize1, salt, bit) => {
        const leaves = leavesOf(size2, salt);
        const size1 = (rawSize1 % size2) + 1;
        const { tiles } = tilesOf(leaves);
        const proof = consistencyProof(hasher, nodesFromTiles(hasher, tiles), size1, size2);
        expect(hex(proof)).toEqual(hex(size1 === size2 ? [] : refSubproof(size1, leaves, true)));
        const root1 = mth(leaves.slice(0, size1));
        const root2 = mth(leaves);
        expect(verifyConsistency(hasher, size1, size2, proof, root1, root2)).toBe(true);
        expect(verifyConsistency(hasher, size1, size2, proof, root2, root1)).toBe(size1 === size2);
        if (proof.length) {
          const bad = proof.map((hash) => Uint8Array.from(hash));
          bad[bit % bad.length][bit % 32] ^= 1 << bit % 8;
          expect(verifyConsistency(hasher, size1, size2, bad, root1, root2)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("tiles across two tile levels (70,000 leaves, C2SP's example) give every root, and proofs near every boundary", async () => {
    const leaves = leavesOf(70_000, 7);
    const builder = new TreeBuilder(hasher);
    const appender = new TileAppender(hasher, 0, new Map());
    const tiles: TileBlobs = new Map();
    // grown in batches that each resume from the stored edge, as the sequencer does
    for (let from = 0; from < leaves.length; ) {
      const batch = Math.min(leaves.length - from, 1 + ((from * 7919) % 9000));
      const resumed = new TileAppender(hasher, from, tiles);
      for (const leaf of leaves.slice(from, from + batch)) {
        resumed.append(hasher.leaf(leaf));
        builder.append(hasher.leaf(leaf));
        appender.append(hasher.leaf(leaf));
      }
      for (const tile of resumed.dirtyTiles()) tiles.set(tileKey(tile.level, tile.index), tile.blob);
      expect(toHex(resumed.root())).toBe(toHex(builder.root()));
      from += batch;
    }
    expect(toHex(appender.root())).toBe(toHex(mth(leaves)));
    // C2SP tlog-tiles: 273 full level-0 tiles and one of width 112; one full level-1 tile and one of 17; a level-2 tile of 1
    expect(edgeTiles(70_000)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(tiles.get(tileKey(0, 273))!.length).toBe(112 * 32);
    expect(tiles.get(tileKey(1, 1))!.length).toBe(17 * 32);
    expect(tiles.get(tileKey(2, 0))!.length).toBe(32);
    const load = async (keys: { level: number; index: number }[]) => new Map(keys.map((key) => [tileKey(key.level, key.index), tiles.get(tileKey(key.level, key.index))!]));
    for (const size of [255, 256, 257, 65_535, 65_536, 65_537, 69_999, 70_000]) {
      const root = subtreeHash(hasher, nodesFromTiles(hasher, tiles), 0, size);
      for (const index of [0, 255, 256, size - 1].filter((i) => i < size)) {
        const proof = await withTiles(hasher, load, (nodes) => inclusionProof(hasher, nodes, index, size));
        expect(verifyInclusion(hasher, index, size, hasher.leaf(leaves[index]), proof, root)).toBe(true);
      }
      const consistency = await withTiles(hasher, load, (nodes) => consistencyProof(hasher, nodes, size, 70_000));
      expect(verifyConsistency(hasher, size, 70_000, consistency, root, appender.root())).toBe(true);
    }
  });

  it("tile paths as C2SP tlog-tiles writes them", () => {
    expect(tilePath(1_234_067)).toBe("x001/x234/067");
    expect(tilePath(5)).toBe("005");
    expect(parseTilePath(["x001", "x234", "067"])).toBe(1_234_067);
    expect(parseTilePath(["x000", "005"])).toBeNull(); // not canonical
    expect(parseTilePath(["5"])).toBeNull();
  });
});
