/**
 * From database rows to leaf records (lib/log/leaf.ts). A movement's leaf is computed from rows
 * that do not change after its event: the movement itself (never updated), the order's columns set
 * at registration, and per lot the columns that this event set — the sale's lot data for VENDIDO,
 * the dispatch columns for DESPACHADO, the receipt columns for CERRADO and RECHAZADO — so the
 * sequencer reads them after the commit instead of adding work to the order transaction, and the
 * verifier recomputes the same bytes years later.
 *
 * The same SQL runs for the sequencer (a batch of new rows), the verifier (everything) and the
 * public page (one order's rows).
 */
import { createCipheriv } from "node:crypto";
import { fromSqlDate, sql, type SqlStatements } from "@/lib/db/sql";
import { LEAF_KINDS, LEAF_VERSIONS, type LeafKind, type LeafRecord, type LeafVersion, type LotRecord } from "./leaf";

/** A source row the log has, or will have, as a leaf. */
export interface SourceRef {
  kind: LeafKind;
  id: number;
}

export interface MovementRow {
  id: number;
  orderId: number;
  event: string;
  state: string;
  occurredAt: unknown;
  userId: number;
  agentId: number;
  detail: string | null;
  xactId: number;
  code: string;
  flow: string;
  buyerId: number;
  sellerId: number;
  plantId: number | null;
  requestedVolume: number;
  deliveryDate: string;
  purchaseOrderNumber: string | null;
  comment: string | null;
  transport: string | null;
}

export interface AgentChangeRow {
  id: number;
  agentId: number;
  changedAt: unknown;
  type: string;
  businessName: string;
  ruc: string;
  registryNumber: string;
  registryStatus: string;
  insuranceExpiresOn: string | null;
  cededBySellerId: number | null;
  registryExpiresOn: string | null;
  leafVersion: number;
  xactId: number;
}

export interface TruckChangeRow {
  id: number;
  truckId: number;
  changedAt: unknown;
  plate: string;
  registryNumber: string;
  ownerAgentId: number;
  capacity: number;
  insuranceExpiresOn: string;
  status: string;
  leafVersion: number;
  xactId: number;
}

interface LotRow {
  orderId: number;
  position: number;
  soldVolume: number;
  plate: string;
  guiaRemision: string;
  factura: string;
  dispatchedVolume: number | null;
  dispatchedAt: unknown;
  dispatchedPlate: string | null;
  receivedVolume: number | null;
  rejected: unknown;
}

export const MOVEMENT_COLUMNS = sql.raw(`m.id AS "id", m.order_id AS "orderId", m.event AS "event", m.state AS "state", m.occurred_at AS "occurredAt",
  m.user_id AS "userId", m.agent_id AS "agentId", m.detail AS "detail", m.xact_id AS "xactId", o.code AS "code", o.flow AS "flow",
  o.buyer_id AS "buyerId", o.seller_id AS "sellerId", o.plant_id AS "plantId", o.requested_volume AS "requestedVolume",
  o.delivery_date AS "deliveryDate", o.purchase_order_number AS "purchaseOrderNumber", o.comment AS "comment", o.transport AS "transport"`);

export const AGENT_CHANGE_COLUMNS = sql.raw(`c.id AS "id", c.agent_id AS "agentId", c.changed_at AS "changedAt", c.type AS "type",
  c.business_name AS "businessName", c.ruc AS "ruc", c.registry_number AS "registryNumber", c.registry_status AS "registryStatus",
  c.insurance_expires_on AS "insuranceExpiresOn", c.ceded_by_seller_id AS "cededBySellerId", c.registry_expires_on AS "registryExpiresOn",
  c.leaf_version AS "leafVersion", c.xact_id AS "xactId"`);

export const TRUCK_CHANGE_COLUMNS = sql.raw(`t.id AS "id", t.truck_id AS "truckId", t.changed_at AS "changedAt", t.plate AS "plate",
  t.registry_number AS "registryNumber", t.owner_agent_id AS "ownerAgentId", t.capacity AS "capacity",
  t.insurance_expires_on AS "insuranceExpiresOn", t.status AS "status", t.leaf_version AS "leafVersion", t.xact_id AS "xactId"`);

const LOT_COLUMNS = sql.raw(`l.order_id AS "orderId", l.position AS "position", l.sold_volume AS "soldVolume", l.plate AS "plate",
  l.guia_remision AS "guiaRemision", l.factura AS "factura", l.dispatched_volume AS "dispatchedVolume", l.dispatched_at AS "dispatchedAt",
  l.dispatched_plate AS "dispatchedPlate", l.received_volume AS "receivedVolume", l.rejected AS "rejected"`);

const ms = (value: unknown) => fromSqlDate(value).getTime();
const LOT_EVENTS = new Set(["VENDIDO", "DESPACHADO", "CERRADO", "RECHAZADO"]);
/** SQLite and PostgreSQL both accept this many bound values in one statement. */
const MAX_IN_LIST = 10_000;

/** The lots of these orders, by order id, in position order. */
export async function lotsOf(tx: SqlStatements, orderIds: readonly number[]): Promise<Map<number, LotRow[]>> {
  const byOrder = new Map<number, LotRow[]>();
  const unique = [...new Set(orderIds)];
  for (let i = 0; i < unique.length; i += MAX_IN_LIST) {
    const chunk = unique.slice(i, i + MAX_IN_LIST);
    const rows = await tx.all<LotRow>(sql`SELECT ${LOT_COLUMNS} FROM lots l WHERE l.order_id IN (${sql.join(chunk)}) ORDER BY l.order_id, l.position`);
    for (const row of rows) {
      const list = byOrder.get(row.orderId);
      if (list) list.push(row);
      else byOrder.set(row.orderId, [row]);
    }
  }
  return byOrder;
}

/** The order ids whose lots the leaves of these movements need. */
export function ordersWithLots(rows: readonly MovementRow[]): number[] {
  return rows.filter((row) => LOT_EVENTS.has(row.event)).map((row) => row.orderId);
}

function lotRecord(event: string, lot: LotRow): LotRecord {
  const record: LotRecord = {
    position: lot.position,
    soldVolume: null,
    plate: null,
    guiaRemision: null,
    factura: null,
    dispatchedVolume: null,
    dispatchedAt: null,
    dispatchedPlate: null,
    receivedVolume: null,
    rejected: null,
  };
  if (event === "VENDIDO") {
    Object.assign(record, { soldVolume: lot.soldVolume, plate: lot.plate, guiaRemision: lot.guiaRemision, factura: lot.factura });
  } else if (event === "DESPACHADO") {
    Object.assign(record, {
      dispatchedVolume: lot.dispatchedVolume,
      dispatchedAt: lot.dispatchedAt === null ? null : ms(lot.dispatchedAt),
      dispatchedPlate: lot.dispatchedPlate,
    });
  } else {
    Object.assign(record, { receivedVolume: lot.receivedVolume, rejected: lot.rejected === true || lot.rejected === 1 });
  }
  return record;
}

export function movementRecord(row: MovementRow, lots: Map<number, LotRow[]>): LeafRecord {
  const registered = row.event === "SOLICITADO";
  return {
    kind: "MOVEMENT",
    public: {
      code: row.code,
      event: row.event,
      state: row.state,
      occurredAt: ms(row.occurredAt),
      flow: row.flow,
      buyerId: row.buyerId,
      sellerId: row.sellerId,
      plantId: row.plantId,
      agentId: row.agentId,
    },
    private: {
      userId: row.userId,
      detail: row.detail,
      requestedVolume: registered ? row.requestedVolume : null,
      deliveryDate: registered ? row.deliveryDate : null,
      purchaseOrderNumber: registered ? row.purchaseOrderNumber : null,
      comment: registered ? row.comment : null,
      transport: registered ? row.transport : null,
      lots: LOT_EVENTS.has(row.event) ? (lots.get(row.orderId) ?? []).map((lot) => lotRecord(row.event, lot)) : [],
    },
  };
}

/** The leaf version a change row was recorded with; a version this code does not know is refused. */
function versionOf(row: { leafVersion: number }): LeafVersion {
  const version = Number(row.leafVersion);
  if (!(LEAF_VERSIONS as readonly number[]).includes(version)) throw new Error(`versión de hoja desconocida: ${row.leafVersion}`);
  return version as LeafVersion;
}

export function agentRecord(row: AgentChangeRow): LeafRecord {
  const version = versionOf(row);
  return {
    kind: "AGENT",
    version,
    public: {
      agentId: row.agentId,
      changedAt: ms(row.changedAt),
      type: row.type,
      businessName: row.businessName,
      ruc: row.ruc,
      registryNumber: row.registryNumber,
      registryStatus: row.registryStatus,
    },
    // version 1 recorded no registration term: its leaf is recomputed without one
    private: {
      insuranceExpiresOn: row.insuranceExpiresOn,
      cededBySellerId: row.cededBySellerId,
      ...(version >= 2 ? { registryExpiresOn: row.registryExpiresOn } : {}),
    },
  };
}

export function truckRecord(row: TruckChangeRow): LeafRecord {
  return {
    kind: "TRUCK",
    version: versionOf(row),
    public: {
      truckId: row.truckId,
      changedAt: ms(row.changedAt),
      plate: row.plate,
      registryNumber: row.registryNumber,
      state: row.status,
    },
    private: { ownerAgentId: row.ownerAgentId, capacity: row.capacity, insuranceExpiresOn: row.insuranceExpiresOn },
  };
}

/**
 * The leaves' 32 bytes of salt (nonceP || nonceQ), derived from the log's own random key
 * (log_state.salt_key) so they need no storage and nobody without the database can guess what a
 * leaf hides: AES-256 of two counter blocks per leaf, (kind, row id, 0) and (kind, row id, 1) —
 * the AES-CTR keystream at a position unique to the leaf. One cipher call per batch.
 */
export function saltsFor(key: Uint8Array, sources: readonly SourceRef[]): Buffer {
  const blocks = Buffer.alloc(sources.length * 32);
  sources.forEach((source, i) => {
    for (const half of [0, 1]) {
      const offset = i * 32 + half * 16;
      blocks.write("scop-glp", offset, "latin1");
      blocks[offset + 8] = LEAF_KINDS[source.kind];
      blocks.writeUIntBE(source.id, offset + 9, 6);
      blocks[offset + 15] = half;
    }
  });
  const cipher = createCipheriv("aes-256-ecb", key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(blocks), cipher.final()]);
}

export function saltFor(key: Uint8Array, source: SourceRef): Uint8Array {
  return saltsFor(key, [source]);
}

/** The records of these sources (any kinds, any order), by "KIND:id"; a missing row is absent. */
export async function recordsOf(tx: SqlStatements, sources: readonly SourceRef[]): Promise<Map<string, LeafRecord>> {
  const records = new Map<string, LeafRecord>();
  const movementIds = sources.filter((s) => s.kind === "MOVEMENT").map((s) => s.id);
  const agentIds = sources.filter((s) => s.kind === "AGENT").map((s) => s.id);
  const truckIds = sources.filter((s) => s.kind === "TRUCK").map((s) => s.id);
  for (let i = 0; i < movementIds.length; i += MAX_IN_LIST) {
    const chunk = movementIds.slice(i, i + MAX_IN_LIST);
    const wanted = new Set(chunk);
    const low = Math.min(...chunk);
    const high = Math.max(...chunk);
    // the verifier asks for long runs of consecutive ids: a range scan reads them faster than an IN list
    const rows = (
      high - low < 2 * chunk.length
        ? await tx.all<MovementRow>(sql`SELECT ${MOVEMENT_COLUMNS} FROM movements m JOIN orders o ON o.id = m.order_id WHERE m.id BETWEEN ${low} AND ${high}`)
        : await tx.all<MovementRow>(sql`SELECT ${MOVEMENT_COLUMNS} FROM movements m JOIN orders o ON o.id = m.order_id WHERE m.id IN (${sql.join(chunk)})`)
    ).filter((row) => wanted.has(Number(row.id)));
    const lots = await lotsOf(tx, ordersWithLots(rows));
    for (const row of rows) records.set(`MOVEMENT:${row.id}`, movementRecord(row, lots));
  }
  for (let i = 0; i < agentIds.length; i += MAX_IN_LIST) {
    const chunk = agentIds.slice(i, i + MAX_IN_LIST);
    const rows = await tx.all<AgentChangeRow>(sql`SELECT ${AGENT_CHANGE_COLUMNS} FROM agent_changes c WHERE c.id IN (${sql.join(chunk)})`);
    for (const row of rows) records.set(`AGENT:${row.id}`, agentRecord(row));
  }
  for (let i = 0; i < truckIds.length; i += MAX_IN_LIST) {
    const chunk = truckIds.slice(i, i + MAX_IN_LIST);
    const rows = await tx.all<TruckChangeRow>(sql`SELECT ${TRUCK_CHANGE_COLUMNS} FROM truck_changes t WHERE t.id IN (${sql.join(chunk)})`);
    for (const row of rows) records.set(`TRUCK:${row.id}`, truckRecord(row));
  }
  return records;
}
