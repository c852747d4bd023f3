/**
 * The leaf format, versions 1 and 2 (lib/log/leaf.ts): decoding inverts encoding for any record, the
 * commitment of a fixed record is pinned (the format must never change silently: every logged leaf
 * would stop verifying), the sequencer's fast path gives the same bytes, and the browser's hashing
 * agrees with the server's. Version 2 only appends the agent's registration term to its private
 * part: a version-1 agent record keeps its exact bytes, and a truck change encodes as documented.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toHex } from "@/lib/log/bytes";
import { browserSha256 } from "@/lib/log/browser-crypto";
import { commitRecord, decodePart, encodePart, leafData, leafOf, type LeafRecord } from "@/lib/log/leaf";
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

const AGENT_V1: LeafRecord = {
  kind: "AGENT",
  public: { agentId: 3, changedAt: 1_764_000_000_123, type: "GASOCENTRO", businessName: "Grifo Tau E.I.R.L.", ruc: "20123456789", registryNumber: "12345-038-150516", registryStatus: "VIGENTE" },
  private: { insuranceExpiresOn: "2027-01-31", cededBySellerId: null },
};
const AGENT_V2: LeafRecord = { ...AGENT_V1, version: 2, private: { ...AGENT_V1.private, registryExpiresOn: "2028-05-16" } } as LeafRecord;
const TRUCK_V2: LeafRecord = {
  kind: "TRUCK",
  version: 2,
  public: { truckId: 4, changedAt: 1_764_000_000_123, plate: "T8A-870", registryNumber: "800001-038-150516", state: "SUSPENDIDO" },
  private: { ownerAgentId: 2, capacity: 2_000_000, insuranceExpiresOn: "2027-01-31" },
};

describe("leaf format v2 (registry changes)", () => {
  const salt = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);

  it("appends the registration term to an agent's private part; version 1 keeps its bytes and ignores the term", () => {
    const v1 = encodePart("AGENT", "private", AGENT_V1.private);
    const v2 = encodePart("AGENT", "private", AGENT_V2.private, 2);
    // insurance "2027-01-31", no ceded-by seller, then (v2 only) the term "2028-05-16"
    expect(toHex(v1)).toBe("01" + "0000000a" + Buffer.from("2027-01-31").toString("hex") + "00");
    expect(toHex(v2)).toBe(toHex(v1) + "01" + "0000000a" + Buffer.from("2028-05-16").toString("hex"));
    expect(decodePart("AGENT", "private", v2, 2)).toEqual(AGENT_V2.private);
    expect(() => decodePart("AGENT", "private", v2, 1)).toThrow(/sobrantes/);
    // a version-1 record is encoded as before even if the row now has a term
    expect(toHex(encodePart("AGENT", "private", { ...AGENT_V1.private, registryExpiresOn: "2028-05-16" }, 1))).toBe(toHex(v1));
  });

  it("carries the version in the leaf's first byte; the fast path, the browser and leafData agree", () => {
    for (const record of [AGENT_V1, AGENT_V2, TRUCK_V2]) {
      const committed = commitRecord(sha256, record, salt);
      expect(committed.leaf[0]).toBe(record.version ?? 1);
      expect(toHex(leafOf(sha256, record, salt))).toBe(toHex(committed.leaf));
      expect(toHex(commitRecord(browserSha256, record, salt).leaf)).toBe(toHex(committed.leaf));
      expect(toHex(leafData(sha256, record.kind, committed.nonceP, committed.publicBytes, committed.hQ, record.version ?? 1))).toBe(toHex(committed.leaf));
    }
    // the same parts under another version are another leaf; an unknown version is refused
    const v2 = commitRecord(sha256, AGENT_V2, salt);
    expect(toHex(leafData(sha256, "AGENT", v2.nonceP, v2.publicBytes, v2.hQ, 1))).not.toBe(toHex(v2.leaf));
    expect(() => leafData(sha256, "AGENT", v2.nonceP, v2.publicBytes, v2.hQ, 3)).toThrow(/versión de hoja desconocida/);
    expect(() => encodePart("AGENT", "private", AGENT_V2.private, 3)).toThrow(/versión de hoja desconocida/);
  });

  it("pins a truck change's public part", () => {
    const { publicBytes, leaf } = commitRecord(sha256, TRUCK_V2, salt);
    expect(toHex(publicBytes)).toBe(
      "0000000000000004" + "0000019ab697e87b" + "00000007" + Buffer.from("T8A-870").toString("hex") +
        "00000011" + Buffer.from("800001-038-150516").toString("hex") + "0000000a" + Buffer.from("SUSPENDIDO").toString("hex"),
    );
    expect([leaf[0], leaf[1]]).toEqual([2, 3]);
    expect(decodePart("TRUCK", "private", encodePart("TRUCK", "private", TRUCK_V2.private, 2), 2)).toEqual(TRUCK_V2.private);
  });
});
