/**
 * What one leaf of the log records, as canonical bytes, and how it is committed to.
 *
 * Versions (the leaf's first byte): 1, the first format; 2 adds the agent's registration term
 * (registryExpiresOn) at the end of an agent's private part and is the version of every agent and
 * truck change recorded since (agent_changes / truck_changes .leaf_version). Every other layout is
 * the same in both. A leaf keeps the version it was signed with: an agent change recorded as
 * version 1 is recomputed as version 1 forever. Movements are still written as version 1 (their
 * format did not change).
 *
 * A leaf records one movement of an order, or one change of the registry that decides who may
 * trade (an agent's registration, status or identity; a tank truck's). Its record has two parts:
 * - the public part P: what anyone who knows a code may see on the public verification page
 *   (code, event, resulting state, instant, the parties' agent ids; an agent's name, RUC, registry
 *   number and status);
 * - the private part Q: everything else (volumes, lots with plates and documents, the acting user,
 *   a rejection's reason; an agent's insurance expiry).
 *
 * The leaf itself is only a salted commitment to both, so that reading the log leaf by leaf lists
 * nobody's orders:
 *
 *   hQ   = SHA-256("scop-glp/v1/privado\n" || nonceQ || Q)
 *   C    = SHA-256("scop-glp/v1/publico\n" || nonceP || u32(|P|) || P || hQ)
 *   leaf = 0x01 (version) || kind (0x01 movement, 0x02 agent, 0x03 truck) || C        (34 bytes)
 *
 * The public page reveals nonceP, P and hQ of a code's leaves (enough to recompute the leaf, and
 * nothing of Q); a constancia also carries nonceQ and Q, so its holder can check every printed
 * figure. The nonces are 16 bytes each, derived by the log from a secret key of its own
 * (lib/log/salts.ts).
 *
 * Encoding: fields in a fixed order; an integer is 8 bytes big-endian (non-negative, exact to
 * 2^53); a string is u32 length || UTF-8; an optional value is 0x00, or 0x01 || value; a boolean
 * one byte; a list u32 count || items. Instants are milliseconds since 1970-01-01 UTC. Isomorphic
 * (server and browser).
 */
import type { Sha256 } from "./merkle";

export const LEAF_VERSIONS = [1, 2] as const;
export type LeafVersion = (typeof LEAF_VERSIONS)[number];
/** The version new agent and truck changes are recorded with. */
export const REGISTRY_LEAF_VERSION: LeafVersion = 2;
export const LEAF_KINDS = { MOVEMENT: 1, AGENT: 2, TRUCK: 3 } as const;
export type LeafKind = keyof typeof LEAF_KINDS;
export const LEAF_KIND_OF_BYTE: Record<number, LeafKind> = { 1: "MOVEMENT", 2: "AGENT", 3: "TRUCK" };
export const NONCE_BYTES = 16;

type FieldType = "int" | "str" | "bool" | "int?" | "str?" | "bool?" | { list: Fields };
type Fields = readonly (readonly [string, FieldType])[];

const LOT_FIELDS = [
  ["position", "int"],
  ["soldVolume", "int?"],
  ["plate", "str?"],
  ["guiaRemision", "str?"],
  ["factura", "str?"],
  ["dispatchedVolume", "int?"],
  ["dispatchedAt", "int?"],
  ["dispatchedPlate", "str?"],
  ["receivedVolume", "int?"],
  ["rejected", "bool?"],
] as const satisfies Fields;

/** The record layouts of version 1, by kind: public part, private part. */
export const LAYOUTS_V1 = {
  MOVEMENT: {
    public: [
      ["code", "str"],
      ["event", "str"],
      ["state", "str"],
      ["occurredAt", "int"],
      ["flow", "str"],
      ["buyerId", "int"],
      ["sellerId", "int"],
      ["plantId", "int?"],
      ["agentId", "int"],
    ],
    private: [
      ["userId", "int"],
      ["detail", "str?"],
      // set by SOLICITADO (the order as registered)
      ["requestedVolume", "int?"],
      ["deliveryDate", "str?"],
      ["purchaseOrderNumber", "str?"],
      ["comment", "str?"],
      ["transport", "str?"],
      // per lot, the columns this event set (VENDIDO: sale; DESPACHADO: dispatch; CERRADO/RECHAZADO: receipt)
      ["lots", { list: LOT_FIELDS }],
    ],
  },
  AGENT: {
    public: [
      ["agentId", "int"],
      ["changedAt", "int"],
      ["type", "str"],
      ["businessName", "str"],
      ["ruc", "str"],
      ["registryNumber", "str"],
      ["registryStatus", "str"],
    ],
    private: [
      ["insuranceExpiresOn", "str?"],
      ["cededBySellerId", "int?"],
    ],
  },
  TRUCK: {
    public: [
      ["truckId", "int"],
      ["changedAt", "int"],
      ["plate", "str"],
      ["registryNumber", "str"],
      ["state", "str"],
    ],
    private: [
      ["ownerAgentId", "int?"],
      ["capacity", "int?"],
      ["insuranceExpiresOn", "str?"],
    ],
  },
} as const satisfies Record<LeafKind, { public: Fields; private: Fields }>;

/** Version 2: the agent's private part ends with its registration term; nothing else changes. */
const LAYOUTS_V2 = {
  ...LAYOUTS_V1,
  AGENT: {
    public: LAYOUTS_V1.AGENT.public,
    private: [...LAYOUTS_V1.AGENT.private, ["registryExpiresOn", "str?"]],
  },
} as const satisfies Record<LeafKind, { public: Fields; private: Fields }>;

const LAYOUTS: Record<LeafVersion, Record<LeafKind, { public: Fields; private: Fields }>> = { 1: LAYOUTS_V1, 2: LAYOUTS_V2 };

/** The layout of one part of a leaf of this kind and version (a version this code does not know is refused). */
export function layoutOf(kind: LeafKind, part: "public" | "private", version: number): Fields {
  const layouts = LAYOUTS[version as LeafVersion];
  if (!layouts) throw new Error(`versión de hoja desconocida: ${version}`);
  return layouts[kind][part];
}

export interface LotRecord {
  position: number;
  soldVolume: number | null;
  plate: string | null;
  guiaRemision: string | null;
  factura: string | null;
  dispatchedVolume: number | null;
  dispatchedAt: number | null;
  dispatchedPlate: string | null;
  receivedVolume: number | null;
  rejected: boolean | null;
}

export interface MovementPublic {
  code: string;
  event: string;
  state: string;
  occurredAt: number;
  flow: string;
  buyerId: number;
  sellerId: number;
  plantId: number | null;
  agentId: number;
}
export interface MovementPrivate {
  userId: number;
  detail: string | null;
  requestedVolume: number | null;
  deliveryDate: string | null;
  purchaseOrderNumber: string | null;
  comment: string | null;
  transport: string | null;
  lots: LotRecord[];
}
export interface AgentPublic {
  agentId: number;
  changedAt: number;
  type: string;
  businessName: string;
  ruc: string;
  registryNumber: string;
  registryStatus: string;
}
export interface AgentPrivate {
  insuranceExpiresOn: string | null;
  cededBySellerId: number | null;
  /** the registration term, 'YYYY-MM-DD' (version 2 on; absent from version 1) */
  registryExpiresOn?: string | null;
}
export interface TruckPublic {
  truckId: number;
  changedAt: number;
  plate: string;
  registryNumber: string;
  state: string;
}
export interface TruckPrivate {
  ownerAgentId: number | null;
  capacity: number | null;
  insuranceExpiresOn: string | null;
}

/** A leaf's record; `version` is the leaf format it is encoded with (absent: 1). */
export type LeafRecord =
  | { kind: "MOVEMENT"; version?: LeafVersion; public: MovementPublic; private: MovementPrivate }
  | { kind: "AGENT"; version?: LeafVersion; public: AgentPublic; private: AgentPrivate }
  | { kind: "TRUCK"; version?: LeafVersion; public: TruckPublic; private: TruckPrivate };

export type PublicOf<K extends LeafKind> = Extract<LeafRecord, { kind: K }>["public"];

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder("utf-8", { fatal: true });

/** Plain fields, no #private: this runs millions of times and must not depend on how a bundler lowers them. */
class ByteWriter {
  buffer = new Uint8Array(1024);
  view = new DataView(this.buffer.buffer);
  length = 0;

  reset(): this {
    this.length = 0;
    return this;
  }
  ensure(extra: number) {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
    this.view = new DataView(grown.buffer);
  }
  byte(value: number) {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }
  u32(value: number) {
    this.ensure(4);
    this.view.setUint32(this.length, value);
    this.length += 4;
  }
  int(value: number) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`entero no representable en la hoja: ${value}`);
    this.ensure(8);
    this.view.setUint32(this.length, Math.floor(value / 2 ** 32));
    this.view.setUint32(this.length + 4, value % 2 ** 32);
    this.length += 8;
  }
  bytes(value: Uint8Array) {
    this.ensure(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
  }
  /** u32 length || UTF-8, encoded in place */
  str(value: string) {
    this.ensure(4 + value.length * 3);
    const start = this.length;
    this.length += 4;
    const { written } = utf8.encodeInto(value, this.buffer.subarray(this.length));
    this.view.setUint32(start, written);
    this.length += written;
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** One writer, reused: encoding is synchronous, so two encodings never interleave. */
const writer = new ByteWriter();

class ByteReader {
  #view: DataView;
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  #need(count: number) {
    if (this.offset + count > this.bytes.length) throw new Error("registro truncado");
  }
  byte(): number {
    this.#need(1);
    return this.bytes[this.offset++];
  }
  u32(): number {
    this.#need(4);
    const value = this.#view.getUint32(this.offset);
    this.offset += 4;
    return value;
  }
  int(): number {
    this.#need(8);
    const value = this.#view.getUint32(this.offset) * 2 ** 32 + this.#view.getUint32(this.offset + 4);
    this.offset += 8;
    if (!Number.isSafeInteger(value)) throw new Error("entero fuera de rango");
    return value;
  }
  str(): string {
    const length = this.u32();
    this.#need(length);
    const value = fromUtf8.decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length;
    return value;
  }
}

interface CompiledField {
  name: string;
  base: "int" | "str" | "bool" | "list";
  optional: boolean;
  list?: CompiledField[];
}

/** Layouts parsed once: the encoder runs millions of times (the sequencer, the verifier). */
const compiled = new Map<Fields, CompiledField[]>();
function compile(fields: Fields): CompiledField[] {
  let result = compiled.get(fields);
  if (!result) {
    result = fields.map(([name, type]) =>
      typeof type === "object"
        ? { name, base: "list" as const, optional: false, list: compile(type.list) }
        : { name, base: type.replace("?", "") as "int" | "str" | "bool", optional: type.endsWith("?") },
    );
    compiled.set(fields, result);
  }
  return result;
}

function writeFields(w: ByteWriter, fields: Fields, record: Record<string, unknown>) {
  writeCompiled(w, compile(fields), record);
}

function writeCompiled(w: ByteWriter, fields: CompiledField[], record: Record<string, unknown>) {
  for (const field of fields) {
    const value = record[field.name];
    if (field.base === "list") {
      const items = value as Record<string, unknown>[];
      w.u32(items.length);
      for (const item of items) writeCompiled(w, field.list!, item);
      continue;
    }
    if (field.optional) {
      if (value === null || value === undefined) {
        w.byte(0);
        continue;
      }
      w.byte(1);
    } else if (value === null || value === undefined) {
      throw new Error(`falta el campo ${field.name} del registro`);
    }
    if (field.base === "int") w.int(value as number);
    else if (field.base === "bool") w.byte(value ? 1 : 0);
    else w.str(String(value));
  }
}

function readFields(r: ByteReader, fields: Fields): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [name, type] of fields) {
    if (typeof type === "object") {
      const count = r.u32();
      if (count > 10_000) throw new Error("lista demasiado larga");
      record[name] = Array.from({ length: count }, () => readFields(r, type.list));
      continue;
    }
    const optional = type.endsWith("?");
    if (optional) {
      const present = r.byte();
      if (present > 1) throw new Error("marca de campo opcional inválida");
      if (present === 0) {
        record[name] = null;
        continue;
      }
    }
    const base = optional ? type.slice(0, -1) : type;
    if (base === "int") record[name] = r.int();
    else if (base === "bool") {
      const byte = r.byte();
      if (byte > 1) throw new Error("booleano inválido");
      record[name] = byte === 1;
    } else record[name] = r.str();
  }
  return record;
}

export function encodePart(kind: LeafKind, part: "public" | "private", record: object, version: number = 1): Uint8Array {
  const w = writer.reset();
  writeFields(w, layoutOf(kind, part, version), record as Record<string, unknown>);
  return w.result();
}

/** Decodes a part; refuses trailing bytes, so one record has exactly one encoding. */
export function decodePart<K extends LeafKind, P extends "public" | "private">(
  kind: K,
  part: P,
  bytes: Uint8Array,
  version: number = 1,
): Extract<LeafRecord, { kind: K }>[P] {
  const r = new ByteReader(bytes);
  const record = readFields(r, layoutOf(kind, part, version));
  if (r.offset !== bytes.length) throw new Error("bytes sobrantes al final del registro");
  return record as unknown as Extract<LeafRecord, { kind: K }>[P];
}

const PRIVATE_DOMAIN = utf8.encode("scop-glp/v1/privado\n");
const PUBLIC_DOMAIN = utf8.encode("scop-glp/v1/publico\n");

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
}

export function privateDigest(sha256: Sha256, nonceQ: Uint8Array, privateBytes: Uint8Array): Uint8Array {
  return sha256(PRIVATE_DOMAIN, nonceQ, privateBytes);
}

/** The 34 bytes of a leaf, from its opened public part and the digest of its private part. */
export function leafData(sha256: Sha256, kind: LeafKind, nonceP: Uint8Array, publicBytes: Uint8Array, hQ: Uint8Array, version: number = 1): Uint8Array {
  if (nonceP.length !== NONCE_BYTES || hQ.length !== 32) throw new Error("apertura de hoja mal formada");
  if (!(LEAF_VERSIONS as readonly number[]).includes(version)) throw new Error(`versión de hoja desconocida: ${version}`);
  const commitment = sha256(PUBLIC_DOMAIN, nonceP, u32(publicBytes.length), publicBytes, hQ);
  const leaf = new Uint8Array(34);
  leaf[0] = version;
  leaf[1] = LEAF_KINDS[kind];
  leaf.set(commitment, 2);
  return leaf;
}

/** A leaf's full record, encoded and committed with its two nonces (salt = nonceP || nonceQ). */
export function commitRecord(sha256: Sha256, record: LeafRecord, salt: Uint8Array) {
  const nonceP = salt.subarray(0, NONCE_BYTES);
  const nonceQ = salt.subarray(NONCE_BYTES, 2 * NONCE_BYTES);
  const version = record.version ?? 1;
  const publicBytes = encodePart(record.kind, "public", record.public, version);
  const privateBytes = encodePart(record.kind, "private", record.private, version);
  const hQ = privateDigest(sha256, nonceQ, privateBytes);
  return { version, nonceP, nonceQ, publicBytes, privateBytes, hQ, leaf: leafData(sha256, record.kind, nonceP, publicBytes, hQ, version) };
}

/**
 * The same 34 bytes as commitRecord(...).leaf, without keeping the parts: each part is encoded
 * straight after its domain and nonce in one buffer and hashed there (the sequencer's and the
 * verifier's path, millions of times).
 */
export function leafOf(sha256: Sha256, record: LeafRecord, salt: Uint8Array): Uint8Array {
  const version = record.version ?? 1;
  const w = writer.reset();
  w.bytes(PRIVATE_DOMAIN);
  w.bytes(salt.subarray(NONCE_BYTES, 2 * NONCE_BYTES));
  writeFields(w, layoutOf(record.kind, "private", version), record.private as unknown as Record<string, unknown>);
  const hQ = sha256(w.buffer.subarray(0, w.length));
  w.reset();
  w.bytes(PUBLIC_DOMAIN);
  w.bytes(salt.subarray(0, NONCE_BYTES));
  const lengthAt = w.length;
  w.u32(0);
  writeFields(w, layoutOf(record.kind, "public", version), record.public as unknown as Record<string, unknown>);
  w.view.setUint32(lengthAt, w.length - lengthAt - 4);
  w.bytes(hQ);
  const commitment = sha256(w.buffer.subarray(0, w.length));
  const leaf = new Uint8Array(34);
  leaf[0] = version;
  leaf[1] = LEAF_KINDS[record.kind];
  leaf.set(commitment, 2);
  return leaf;
}
