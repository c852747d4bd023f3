/**
 * The recipe every transition follows: check the actor may act on this order, check the state
 * allows the action, write the new state only if it is still the one read (compare-and-set on
 * state and version), free the buyer's capacity when the order ends, and append the movement —
 * all inside the caller's transaction.
 */
import type { Tx } from "@/lib/db/database";
import { DomainError } from "@/lib/errors";
import type { Lot, Order } from "@/lib/generated/sqlite/client";
import type { Flow } from "@/lib/registry/agent-types";
import type { Actor } from "./context";
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

export function forbidden(action: OrderAction): DomainError {
  return new DomainError(
    "forbidden",
    "NO_AUTORIZADO",
    `No autorizado: su perfil no permite ${ACTION_LABELS[action]} órdenes de pedido.`,
  );
}

/** Refuses an actor whose role never performs `action`, before its input is even looked at. */
export function assertRoleFor(actor: Actor, action: OrderAction): void {
  if (actor.role !== ACTION_ACTOR[action].role) throw forbidden(action);
}

/** The order the actor may act on, or "not found" — also for another agent's order. */
export async function loadOrderFor(tx: Tx, actor: Actor, code: string, action: OrderAction): Promise<Order> {
  assertRoleFor(actor, action);
  return checkedFor(actor, action, await tx.order.findUnique({ where: { code } }));
}

/** The same, with the order's lots (for the transitions that record something per lot). */
export async function loadOrderWithLotsFor(tx: Tx, actor: Actor, code: string, action: OrderAction): Promise<OrderWithLots> {
  assertRoleFor(actor, action);
  return checkedFor(actor, action, await tx.order.findUnique({ where: { code }, include: { lots: { orderBy: { position: "asc" } } } }));
}

function checkedFor<O extends Order>(actor: Actor, action: OrderAction, order: O | null): O {
  const { party } = ACTION_ACTOR[action];
  const partyId = order && (party === "buyer" ? order.buyerId : party === "seller" ? order.sellerId : order.plantId);
  if (!order || partyId !== actor.agentId) {
    throw new DomainError("not_found", "ORDEN_NO_ENCONTRADA", ORDER_NOT_FOUND_MESSAGE);
  }
  if (!isAllowed(action, order.state as OrderState, order.flow as Flow)) {
    throw new DomainError(
      "conflict",
      "TRANSICION_NO_PERMITIDA",
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
  data?: Omit<Parameters<Tx["order"]["updateMany"]>[0]["data"], "state" | "version">;
}

export async function applyTransition(tx: Tx, order: Order, change: Change): Promise<void> {
  const { count } = await tx.order.updateMany({
    where: { id: order.id, state: order.state, version: order.version },
    data: { ...change.data, state: change.to, version: { increment: 1 } },
  });
  if (count !== 1) throw new DomainError("conflict", "ORDEN_MODIFICADA", RACE_LOST_MESSAGE);

  if (isOpen(order.state as OrderState) && !isOpen(change.to)) {
    await tx.$executeRaw`UPDATE agents SET committed_volume = committed_volume - ${order.requestedVolume} WHERE id = ${order.buyerId}`;
  }
  await tx.movement.create({
    data: {
      orderId: order.id,
      event: change.event,
      state: change.to,
      occurredAt: change.at,
      userId: change.actor.userId,
      agentId: change.actor.agentId,
      detail: change.detail,
    },
  });
}

export function targetState(action: OrderAction, flow: Flow): OrderState {
  return TRANSITIONS[action].to(flow);
}
