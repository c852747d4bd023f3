/**
 * Appending a movement — the one place every order event is written. The movement and its
 * outbox event (lib/events/outbox.ts) go in the caller's transaction, so whoever must learn of the
 * change (notifications, e-mail, webhooks) learns of it exactly when it committed.
 */
import { GUARD_HELD, sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import { MOVEMENT_EVENT_TYPE } from "@/lib/events/catalog";
import { guardedEventWrite, recordEvent } from "@/lib/events/outbox";
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

export async function appendMovement(tx: SqlStatements, movement: NewMovement): Promise<void> {
  await tx.run(
    sql.prepared`INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id, detail)
      VALUES (${movement.orderId}, ${movement.event}, ${movement.state}, ${movement.at}, ${movement.userId}, ${movement.agentId}, ${movement.detail ?? null})`,
  );
  await recordEvent(tx, { type: MOVEMENT_EVENT_TYPE[movement.event], orderId: movement.orderId, agentId: movement.agentId, occurredAt: movement.at });
}

/**
 * The same movement and outbox event as writes of a guarded write (SqlStatements.writeGuarded):
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
