/**
 * Appending a movement — the one place every order event is written. The movement and its
 * outbox event (lib/events/outbox.ts) are writes of the transition's guarded write, so whoever
 * must learn of the change (notifications, e-mail, webhooks) learns of it exactly when it committed.
 */
import { GUARD_HELD, sql, type Sql } from "@/lib/db/sql";
import { MOVEMENT_EVENT_TYPE } from "@/lib/events/catalog";
import { guardedEventWrite } from "@/lib/events/outbox";
import type { MovementEvent, OrderState } from "./states";

export interface NewMovement {
  orderId: number;
  event: MovementEvent;
  /** the order's state right after the event */
  state: OrderState;
  at: Date;
  userId: number;
  agentId: number;
  detail?: string | null;
}

/**
 * The movement and its outbox event as writes of a guarded write (SqlStatements.writeGuarded):
 * written with the transition's compare-and-set, only when it changed the order.
 */
export function guardedMovementWrites(movement: NewMovement): Sql[] {
  return [
    sql.prepared`INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id, detail)
      SELECT ${movement.orderId}, ${movement.event}, ${movement.state}, ${movement.at}, ${movement.userId}, ${movement.agentId}, ${movement.detail ?? null}
      WHERE ${GUARD_HELD}`,
    ...guardedEventWrite({ type: MOVEMENT_EVENT_TYPE[movement.event], orderId: movement.orderId, agentId: movement.agentId, occurredAt: movement.at }),
  ];
}
