/**
 * The recipe every transition follows, in two statements (docs/decisions/0007-guarded-writes.md):
 * read the order with what its rules need in one statement (loadOrderFor), check the actor may act
 * on it, the state allows the action and the rules hold, then one guarded write (applyTransition):
 * the new state only if it is still the one read (compare-and-set on state and version) and, only
 * then, the buyer's capacity freed when the order ends, the movement with its outbox event
 * (movements.ts) and the lots — in plain SQL (lib/db/sql.ts): a transition is the hot path.
 */
import { AGENT, LOT, ORDER, TRUCK } from "@/lib/db/rows";
import { orderError } from "./errors";
import { CODE_CHECK_DIGIT_MESSAGE, codeNotFoundProblem } from "@/lib/authorization-code/schema";
import { GUARD_HELD, sql, type Sql, type SqlRow, type SqlStatements, type SqlValue } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import type { Agent, Lot, Order, Truck } from "@/lib/generated/sqlite/client";
import type { Flow } from "@/lib/registry/agent-types";
import type { Actor } from "./context";
import { guardedMovementWrites } from "./movements";
import {
  ACTION_ACTOR,
  ACTION_LABELS,
  STATE_LABELS,
  TRANSITIONS,
  isAllowed,
  isOpen,
  type MovementEvent,
  type OrderAction,
  type OrderState,
} from "./states";

export type OrderWithLots = Order & { lots: Lot[] };

export const ORDER_NOT_FOUND_MESSAGE = "No existe una orden de pedido con ese Código de Autorización entre sus órdenes.";

/**
 * The refusal for a code that matches no order the actor may act on: "mistyped" when it fails this
 * portal's check digit (legacy codes have none, but they were looked up by exact match first),
 * otherwise "not found" — the same answer for another agent's order as for none at all.
 */
export function orderNotFound(code: string): DomainError {
  if (codeNotFoundProblem(code) === "DIGITO_VERIFICADOR") {
    return orderError("DATOS_INVALIDOS", "Revise los datos ingresados.", { code: [CODE_CHECK_DIGIT_MESSAGE] });
  }
  return orderError("ORDEN_NO_ENCONTRADA", ORDER_NOT_FOUND_MESSAGE);
}

export function forbidden(action: OrderAction): DomainError {
  return orderError("NO_AUTORIZADO",
    `No autorizado: su perfil no permite ${ACTION_LABELS[action]} órdenes de pedido.`,
  );
}

/** Refuses an actor whose role never performs `action`, before its input is even looked at. */
export function assertRoleFor(actor: Actor, action: OrderAction): void {
  if (actor.role !== ACTION_ACTOR[action].role) throw forbidden(action);
}

/** What a transition's rules need besides the order, read with it (loadOrderFor). */
export interface OrderNeeds {
  /** the order's lots, by position */
  lots?: boolean;
  /** its buyer, seller and plant, and the agent the buyer's tanks are ceded by */
  parties?: boolean;
  /** the registered trucks of its seller and buyer with these plates (and, with lots, the lots' plates) */
  plates?: readonly string[];
}

/** The order with what its transition reads; only what was asked for is filled in. */
export interface OrderFacts {
  order: OrderWithLots;
  /** the buyer, seller and plant (when the order has one), by id */
  parties: Map<number, Agent>;
  /** the agent that ceded its tanks in use to the buyer (seed 004, art. 43A), if any */
  ceder?: Pick<Agent, "businessName" | "type">;
  /** candidate trucks: trucksForLots picks each lot's among them */
  trucks: Truck[];
}

/**
 * The order the actor may act on, or "not found" — also for another agent's order — with what its
 * rules need, in one statement (the hot path: each round trip to PostgreSQL costs more than the
 * join). It reads outside any transaction: the transition's compare-and-set on (state, version)
 * refuses a write based on an order that changed meanwhile (applyTransition).
 */
export async function loadOrderFor(db: SqlStatements, actor: Actor, code: string, action: OrderAction, needs: OrderNeeds = {}): Promise<OrderFacts> {
  assertRoleFor(actor, action);
  const plates = [...new Set(needs.plates ?? [])];
  const trucks = needs.plates !== undefined;
  const plateMatches = [...(plates.length ? [sql`t.plate IN (${sql.join(plates)})`] : []), ...(needs.lots ? [sql`t.plate = l.plate`] : [])];
  const rows = await db.all(
    sql.prepared`SELECT ${ORDER.select("o")}
      ${needs.lots ? sql`, ${LOT.select("l", "lot")}` : sql.empty}
      ${needs.parties ? sql`, ${AGENT.select("b", "buyer")}, ${AGENT.select("s", "seller")}, ${AGENT.select("p", "plant")}, c.business_name AS "ceder.businessName", c.type AS "ceder.type"` : sql.empty}
      ${trucks ? sql`, ${TRUCK.select("t", "truck")}` : sql.empty}
      FROM orders o
      ${needs.lots ? sql`LEFT JOIN lots l ON l.order_id = o.id` : sql.empty}
      ${needs.parties ? sql`JOIN agents b ON b.id = o.buyer_id JOIN agents s ON s.id = o.seller_id LEFT JOIN agents p ON p.id = o.plant_id LEFT JOIN agents c ON c.id = b.ceded_by_seller_id` : sql.empty}
      ${trucks ? sql`LEFT JOIN trucks t ON t.owner_agent_id IN (o.seller_id, o.buyer_id) AND (${plateMatches.length ? sql.join(plateMatches, " OR ") : sql.raw("1 = 0")})` : sql.empty}
      WHERE o.code = ${code}`,
  );
  const order = checkedFor(actor, action, code, rows[0] ? ORDER.from(rows[0]) : null);
  const lots = new Map<number, Lot>();
  const parties = new Map<number, Agent>();
  const found = new Map<number, Truck>();
  for (const row of rows) {
    const lot = needs.lots ? LOT.fromJoined(row, "lot") : null;
    if (lot) lots.set(lot.id, lot);
    for (const prefix of needs.parties ? ["buyer", "seller", "plant"] : []) {
      const agent = AGENT.fromJoined(row, prefix);
      if (agent) parties.set(agent.id, agent);
    }
    const truck = trucks ? TRUCK.fromJoined(row, "truck") : null;
    if (truck) found.set(truck.id, truck);
  }
  const ceder = needs.parties && rows[0]["ceder.type"] != null ? (cederRow(rows[0]) as Pick<Agent, "businessName" | "type">) : undefined;
  return { order: { ...order, lots: [...lots.values()].sort((a, b) => a.position - b.position) }, parties, ceder, trucks: [...found.values()] };
}

const cederRow = (row: SqlRow) => ({ businessName: row["ceder.businessName"], type: row["ceder.type"] });

function checkedFor<O extends Order>(actor: Actor, action: OrderAction, code: string, order: O | null): O {
  const { party } = ACTION_ACTOR[action];
  const partyId = order && (party === "buyer" ? order.buyerId : party === "seller" ? order.sellerId : order.plantId);
  if (!order || partyId !== actor.agentId) throw orderNotFound(code);
  if (!isAllowed(action, order.state as OrderState, order.flow as Flow)) {
    throw orderError("TRANSICION_NO_PERMITIDA",
      `La orden ${order.code} está en estado ${STATE_LABELS[order.state as OrderState]}: no se puede ${ACTION_LABELS[action]}.`,
    );
  }
  return order;
}

export const RACE_LOST_MESSAGE =
  "La orden cambió mientras se procesaba su solicitud: otra operación se registró antes. Consulte su estado actual.";

interface Change {
  actor: Actor;
  at: Date;
  event: MovementEvent;
  to: OrderState;
  detail?: string;
  /** other order columns written with the state */
  data?: Partial<
    Pick<Order, "soldAt" | "dispatchedAt" | "porCerrarAt" | "porCerrarDay" | "endedAt" | "dueDay" | "daysLate" | "latenessBasis" | "nonDeliveryKnownAt" | "rejectionReason">
  >;
}

/**
 * Writes the transition as one guarded write (SqlStatements.writeGuarded; one statement on
 * PostgreSQL): the compare-and-set of the order's state on (state, version) and, only when it
 * held, the buyer's capacity freed when the order ends, the movement with its outbox event, and
 * `lotWrites` (each conditioned on GUARD_HELD). Nothing is written when the order changed since it
 * was read: that is refused as a lost race.
 */
export async function applyTransition(db: SqlStatements, order: Order, change: Change, lotWrites: readonly Sql[] = []): Promise<void> {
  const fields = Object.entries(change.data ?? {}) as [keyof Order & string, SqlValue][];
  const set = fields.map(([field, value]) => sql`, ${ORDER.column(field)} = ${value}`);
  const guard = sql.prepared`UPDATE orders SET state = ${change.to}, version = version + 1, updated_at = ${change.at}${sql.join(set, "")}
      WHERE id = ${order.id} AND state = ${order.state} AND version = ${order.version} RETURNING id`;
  const release =
    isOpen(order.state as OrderState) && !isOpen(change.to)
      ? [sql.prepared`UPDATE agents SET committed_volume = committed_volume - ${order.requestedVolume} WHERE id = ${order.buyerId} AND ${GUARD_HELD}`]
      : [];
  const movement = guardedMovementWrites({
    orderId: order.id,
    event: change.event,
    state: change.to,
    at: change.at,
    userId: change.actor.userId,
    agentId: change.actor.agentId,
    detail: change.detail,
  });
  const changed = await db.writeGuarded(guard, [...release, ...movement, ...lotWrites]);
  if (changed.length !== 1) throw orderError("ORDEN_MODIFICADA", RACE_LOST_MESSAGE);
}

export function targetState(action: OrderAction, flow: Flow): OrderState {
  return TRANSITIONS[action].to(flow);
}
