/**
 * The recipe every transition follows: check the actor may act on this order, check the state
 * allows the action, write the new state only if it is still the one read (compare-and-set on
 * state and version), free the buyer's capacity when the order ends, and append the movement
 * with its outbox event (movements.ts) — all inside the caller's transaction, in plain SQL
 * (lib/db/sql.ts): a transition is the hot path.
 */
import { AGENT, LOT, ORDER } from "@/lib/db/rows";
import { orderError } from "./errors";
import { CODE_CHECK_DIGIT_MESSAGE, codeNotFoundProblem } from "@/lib/authorization-code/schema";
import { sql, type SqlStatements, type SqlValue } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import type { Agent, Lot, Order } from "@/lib/generated/sqlite/client";
import type { Flow } from "@/lib/registry/agent-types";
import type { Actor } from "./context";
import { appendMovement } from "./movements";
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

/** The order the actor may act on, or "not found" — also for another agent's order. */
export async function loadOrderFor(tx: SqlStatements, actor: Actor, code: string, action: OrderAction): Promise<Order> {
  assertRoleFor(actor, action);
  const [row] = await tx.all(sql.prepared`SELECT ${ORDER.select("o")} FROM orders o WHERE o.code = ${code}`);
  return checkedFor(actor, action, code, row ? ORDER.from(row) : null);
}

/** The same, with the order's lots (for the transitions that record something per lot). */
export async function loadOrderWithLotsFor(tx: SqlStatements, actor: Actor, code: string, action: OrderAction): Promise<OrderWithLots> {
  const order = await loadOrderFor(tx, actor, code, action);
  const lots = await tx.all(sql.prepared`SELECT ${LOT.select("l")} FROM lots l WHERE l.order_id = ${order.id} ORDER BY l.position`);
  return { ...order, lots: lots.map(LOT.from) };
}

/** The agents with these ids, by id (one read for all the parties a rule needs). */
export async function loadAgents(tx: SqlStatements, ids: readonly number[]): Promise<Map<number, Agent>> {
  const unique = [...new Set(ids)];
  const rows = await tx.all(sql.prepared`SELECT ${AGENT.select("a")} FROM agents a WHERE a.id IN (${sql.join(unique)})`);
  return new Map(rows.map((row) => AGENT.from(row)).map((agent) => [agent.id, agent]));
}

/** The agent that ceded its tanks in use to `buyer`, if any (seed 004, art. 43A). */
export async function cederOf(tx: SqlStatements, buyer: Pick<Agent, "cededBySellerId">): Promise<Pick<Agent, "businessName" | "type"> | undefined> {
  if (buyer.cededBySellerId === null) return undefined;
  const [ceder] = await tx.all<Pick<Agent, "businessName" | "type">>(
    sql.prepared`SELECT business_name AS "businessName", type FROM agents WHERE id = ${buyer.cededBySellerId}`,
  );
  return ceder;
}

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

export async function applyTransition(tx: SqlStatements, order: Order, change: Change): Promise<void> {
  const fields = Object.entries(change.data ?? {}) as [keyof Order & string, SqlValue][];
  const set = fields.map(([field, value]) => sql`, ${ORDER.column(field)} = ${value}`);
  const count = await tx.run(
    sql.prepared`UPDATE orders SET state = ${change.to}, version = version + 1, updated_at = ${change.at}${sql.join(set, "")}
      WHERE id = ${order.id} AND state = ${order.state} AND version = ${order.version}`,
  );
  if (count !== 1) throw orderError("ORDEN_MODIFICADA", RACE_LOST_MESSAGE);

  if (isOpen(order.state as OrderState) && !isOpen(change.to)) {
    await tx.run(sql.prepared`UPDATE agents SET committed_volume = committed_volume - ${order.requestedVolume} WHERE id = ${order.buyerId}`);
  }
  await appendMovement(tx, {
    orderId: order.id,
    event: change.event,
    state: change.to,
    at: change.at,
    userId: change.actor.userId,
    agentId: change.actor.agentId,
    detail: change.detail,
  });
}

export function targetState(action: OrderAction, flow: Flow): OrderState {
  return TRANSITIONS[action].to(flow);
}
