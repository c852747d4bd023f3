/**
 * The leaf format, version 1 (lib/log/leaf.ts): decoding inverts encoding for any record, the
 * commitment of a fixed record is pinned (the format must never change silently: every logged leaf
 * would stop verifying), the sequencer's fast path gives the same bytes, and the browser's hashing
 * agrees with the server's.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "@/lib/log/bytes";
import { browserSha256 } from "@/lib/log/browser-crypto";
import { commitRecord, decodePart, encodePart, leafOf, type LeafRecord } from "@/lib/log/leaf";
import { sha256 } from "@/lib/log/node-crypto";
import { saltsFor } from "@/lib/log/records";

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const text = fc.string({ unit: "grapheme", maxLength: 40 });

const lot = fc.record({
  position: fc.integer({ min: 1, max: 99 }),
  soldVolume: optional(count),
  plate: optional(text),
  guiaRemision: optional(text),
  factura: optional(text),
  dispatchedVolume: optional(count),
  dispatchedAt: optional(count),
  dispatchedPlate: optional(text),
  receivedVolume: optional(count),
  rejected: optional(fc.boolean()),
});

const movement: fc.Arbitrary<LeafRecord> = fc.record({
  kind: fc.constant("MOVEMENT" as const),
  public: fc.record({
    code: text,
    event: text,
    state: text,
    occurredAt: count,
    flow: text,
    buyerId: count,
    sellerId: count,
    plantId: optional(count),
    agentId: count,
  }),
  private: fc.record({
    userId: count,
    detail: optional(text),
    requestedVolume: optional(count),
    deliveryDate: optional(text),
    purchaseOrderNumber: optional(text),
    comment: optional(text),
    transport: optional(text),
    lots: fc.array(lot, { maxLength: 5 }),
  }),
});

const SAMPLE: LeafRecord = {
  kind: "MOVEMENT",
  public: { code: "54460617869", event: "VENDIDO", state: "POR_CERRAR", occurredAt: 1_764_000_000_123, flow: "A", buyerId: 5, sellerId: 2, plantId: null, agentId: 2 },
  private: {
    userId: 7,
    detail: null,
    requestedVolume: null,
    deliveryDate: null,
    purchaseOrderNumber: null,
    comment: null,
    transport: null,
    lots: [{ position: 1, soldVolume: 150_050, plate: "T8A-870", guiaRemision: "T001-00004100", factura: "F001-00002300", dispatchedVolume: null, dispatchedAt: null, dispatchedPlate: null, receivedVolume: null, rejected: null }],
  },
};

describe("leaf format v1", () => {
  it("decodes what it encodes, for any record; the fast path commits to the same bytes", () => {
    fc.assert(
      fc.property(movement, fc.uint8Array({ minLength: 32, maxLength: 32 }), (record, salt) => {
        const publicBytes = encodePart("MOVEMENT", "public", record.public);
        const privateBytes = encodePart("MOVEMENT", "private", record.private);
        expect(decodePart("MOVEMENT", "public", publicBytes)).toEqual(record.public);
        expect(decodePart("MOVEMENT", "private", privateBytes)).toEqual(record.private);
        const committed = commitRecord(sha256, record, salt);
        expect(toHex(leafOf(sha256, record, salt))).toBe(toHex(committed.leaf));
        expect(toHex(commitRecord(browserSha256, record, salt).leaf)).toBe(toHex(committed.leaf));
      }),
      { numRuns: 300 },
    );
  });

  it("pins the encoding and commitment of a fixed record", () => {
    const salt = Uint8Array.from({ length: 32 }, (_, i) => i);
    const committed = commitRecord(sha256, SAMPLE, salt);
    expect(toHex(committed.publicBytes)).toBe(
      "0000000b3534343630363137383639" + "0000000756454e4449444f" + "0000000a504f525f434552524152" + "0000019ab697e87b" + "0000000141" +
        "0000000000000005" + "0000000000000002" + "00" + "0000000000000002",
    );
    // the documented formula, computed here independently with createHash
    const h = (...parts: (Uint8Array | string)[]) => {
      const hash = createHash("sha256");
      for (const part of parts) hash.update(part);
      return hash.digest();
    };
    const length = Buffer.alloc(4);
    length.writeUInt32BE(committed.publicBytes.length);
    const hQ = h("scop-glp/v1/privado\n", salt.subarray(16), committed.privateBytes);
    const commitment = h("scop-glp/v1/publico\n", salt.subarray(0, 16), length, committed.publicBytes, hQ);
    expect(toHex(committed.leaf)).toBe(`0101${commitment.toString("hex")}`);
  });

  it("refuses bytes that are not exactly one record", () => {
    const bytes = encodePart("MOVEMENT", "public", SAMPLE.public);
    expect(() => decodePart("MOVEMENT", "public", bytes.subarray(0, bytes.length - 1))).toThrow(/truncado/);
    expect(() => decodePart("MOVEMENT", "public", Uint8Array.from([...bytes, 0]))).toThrow(/sobrantes/);
  });

  it("derives distinct salts per kind and row from the log's key, and others under another key", () => {
    const key = new Uint8Array(32).fill(9);
    const salts = saltsFor(key, [
      { kind: "MOVEMENT", id: 1 },
      { kind: "MOVEMENT", id: 2 },
      { kind: "AGENT", id: 1 },
    ]);
    const parts = [0, 1, 2].map((i) => toHex(salts.subarray(i * 32, i * 32 + 32)));
    expect(new Set(parts).size).toBe(3);
    expect(toHex(saltsFor(new Uint8Array(32), [{ kind: "MOVEMENT", id: 1 }]))).not.toBe(parts[0]);
    expect(toHex(saltsFor(key, [{ kind: "MOVEMENT", id: 2 }]))).toBe(parts[1]);
  });
});
