/**
 * Public verification (no sign-in): what anyone who holds a code or sees a tank truck may learn.
 *
 * For a code: whether it is an order of this system, its current state, the Lima dates and times
 * of its movements, the seller's, buyer's and plant's business names with their registry number
 * and status (the Registro de Hidrocarburos is public), and the evidence that these facts are in
 * the signed log. Never volumes, prices, plates, documents or people's names (docs/verificacion-publica.md).
 *
 * For a plate: whether the truck is registered and VIGENTE, and whether it carries an open lot
 * sold or dispatched today, with that order's code.
 */
import { hasValidDammCheckDigit } from "@/lib/authorization-code/damm";
import { fromSqlDate, sql, type SqlStatements } from "@/lib/db/sql";
import type { Evidence } from "@/lib/log/evidence";
import { evidenceFor } from "@/lib/log/openings";
import { limaDay, startOfLimaDay } from "@/lib/time";
import type { TruckRegistry } from "./truck-registry";

export interface PublicParty {
  agentId: number;
  businessName: string;
  type: string;
  registryNumber: string;
  registryStatus: string;
  /** the leaf of the registry change this standing comes from, once logged */
  leafIndex: number | null;
}

export interface PublicMovement {
  event: string;
  state: string;
  occurredAt: string;
  leafIndex: number | null;
}

export interface PublicCodeAnswer {
  code: string;
  found: boolean;
  /** the code's check digit does not match (a typing error, unless it is a legacy code) */
  checkDigitValid: boolean;
  order: {
    state: string;
    flow: string;
    buyer: PublicParty;
    seller: PublicParty;
    plant: PublicParty | null;
    movements: PublicMovement[];
  } | null;
  /** the facts above, as openings of the log's leaves with their inclusion proofs */
  evidence: Evidence | null;
  /** movements and registry changes not yet in a signed checkpoint */
  pending: number;
}

/** A code as typed: digits only, spaces and dashes ignored; null when it cannot be a code at all. */
export function normalizeCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, "");
  return /^\d{6,20}$/.test(code) ? code : null;
}

export async function lookUpCode(tx: SqlStatements, code: string): Promise<PublicCodeAnswer> {
  const checkDigitValid = code.length === 11 && hasValidDammCheckDigit(code);
  const [order] = await tx.all<{ id: number; state: string; flow: string; buyerId: number; sellerId: number; plantId: number | null }>(
    sql`SELECT id AS "id", state AS "state", flow AS "flow", buyer_id AS "buyerId", seller_id AS "sellerId", plant_id AS "plantId" FROM orders WHERE code = ${code}`,
  );
  if (!order) return { code, found: false, checkDigitValid, order: null, evidence: null, pending: 0 };

  const movements = await tx.all<{ id: number; event: string; state: string; occurredAt: unknown }>(
    sql`SELECT id AS "id", event AS "event", state AS "state", occurred_at AS "occurredAt" FROM movements WHERE order_id = ${order.id} ORDER BY occurred_at, id`,
  );
  const agentIds = [order.buyerId, order.sellerId, ...(order.plantId ? [order.plantId] : [])];
  // each party's latest registry change is its standing now (the triggers write one per change)
  const changes = await tx.all<{ id: number; agentId: number; businessName: string; type: string; registryNumber: string; registryStatus: string }>(
    sql`SELECT c.id AS "id", c.agent_id AS "agentId", c.business_name AS "businessName", c.type AS "type", c.registry_number AS "registryNumber",
            c.registry_status AS "registryStatus"
       FROM agent_changes c
      WHERE c.id IN (SELECT MAX(id) FROM agent_changes WHERE agent_id IN (${sql.join(agentIds)}) GROUP BY agent_id)`,
  );
  const sources = [
    ...movements.map((movement) => ({ kind: "MOVEMENT" as const, id: movement.id })),
    ...changes.map((change) => ({ kind: "AGENT" as const, id: change.id })),
  ];
  const { evidence, indexOf, pending } = await evidenceFor(tx, sources);
  const party = (agentId: number): PublicParty => {
    const change = changes.find((candidate) => candidate.agentId === agentId)!;
    return {
      agentId,
      businessName: change.businessName,
      type: change.type,
      registryNumber: change.registryNumber,
      registryStatus: change.registryStatus,
      leafIndex: indexOf.get(`AGENT:${change.id}`) ?? null,
    };
  };
  return {
    code,
    found: true,
    checkDigitValid,
    order: {
      state: order.state,
      flow: order.flow,
      buyer: party(order.buyerId),
      seller: party(order.sellerId),
      plant: order.plantId ? party(order.plantId) : null,
      movements: movements.map((movement) => ({
        event: movement.event,
        state: movement.state,
        occurredAt: fromSqlDate(movement.occurredAt).toISOString(),
        leafIndex: indexOf.get(`MOVEMENT:${movement.id}`) ?? null,
      })),
    },
    evidence,
    pending: pending.length,
  };
}

export interface PublicPlateAnswer {
  plate: string;
  truck: Awaited<ReturnType<TruckRegistry["find"]>>;
  /** where the registry answer comes from: the truck registry, or (until it exists) the lots */
  registrySource: TruckRegistry["source"];
  /** open lots (order VENDIDO or POR CERRAR) this truck was sold or dispatched with today (Lima) */
  openLots: { code: string; state: string; event: "VENDIDO" | "DESPACHADO"; at: string }[];
}

export async function lookUpPlate(tx: SqlStatements, registry: TruckRegistry, plate: string, now: Date): Promise<PublicPlateAnswer> {
  const since = startOfLimaDay(limaDay(now));
  const rows = await tx.all<{ code: string; state: string; soldAt: unknown; dispatchedAt: unknown; lotDispatchedAt: unknown }>(
    sql`SELECT o.code AS "code", o.state AS "state", o.sold_at AS "soldAt", o.dispatched_at AS "dispatchedAt", l.dispatched_at AS "lotDispatchedAt"
       FROM lots l JOIN orders o ON o.id = l.order_id
      WHERE (l.plate = ${plate} OR l.dispatched_plate = ${plate}) AND o.state IN ('VENDIDO', 'POR_CERRAR') AND (o.sold_at >= ${since} OR o.dispatched_at >= ${since})
      ORDER BY o.sold_at DESC`,
  );
  const openLots = rows.map((row) => {
    const dispatched = row.dispatchedAt !== null && fromSqlDate(row.dispatchedAt) >= since;
    return {
      code: row.code,
      state: row.state,
      event: dispatched ? ("DESPACHADO" as const) : ("VENDIDO" as const),
      at: fromSqlDate(dispatched ? row.dispatchedAt : row.soldAt).toISOString(),
    };
  });
  return { plate, truck: await registry.find(tx, plate), registrySource: registry.source, openLots: [...new Map(openLots.map((lot) => [lot.code, lot])).values()] };
}
