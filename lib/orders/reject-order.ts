import { GUARD_HELD, sql } from "@/lib/db/sql";
import { orderError } from "./errors";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { latenessFrom, nonDeliveryKnownAtProblem } from "./receipt";
import { rejectOrderSchema, type RejectOrderInput } from "./schemas";
import { applyTransition, assertRoleFor, loadOrderFor } from "./transition";
import { metered } from "./metered";

export interface RejectedOrder {
  state: "RECHAZADO";
  /** the Lima day the buyer learned the product would not arrive: the rejection was due that day */
  dueDay: string;
  /** Lima calendar days from dueDay to the rejection (0: at once, as required) */
  daysLate: number;
}

/**
 * "Rechazar": the buyer decides not to receive the product of an order not yet closed (manual §1:
 * "siempre y cuando la orden de pedido no se encuentre en el estado CERRADO"), giving a reason and
 * when it learned the product would not arrive (seed 002: it must reject "de forma inmediata").
 * Every lot is marked rejected and the buyer's capacity is freed.
 */
export const rejectOrder = metered("RECHAZAR", async function rejectOrder(ctx: OrdersContext, actor: Actor, raw: RejectOrderInput): Promise<RejectedOrder> {
  assertRoleFor(actor, "RECHAZAR");
  const input = parseInput(rejectOrderSchema, raw);
  const now = ctx.now();
  const { order } = await loadOrderFor(ctx.db.sql, actor, input.code, "RECHAZAR");
  const knownAt = input.nonDeliveryKnownAt ?? now;
  const problem = nonDeliveryKnownAtProblem(knownAt, order.requestedAt, now);
  if (problem) throw orderError("FECHA_DECLARADA_INVALIDA", problem, { nonDeliveryKnownAt: [problem] });
  const { dueDay, daysLate } = latenessFrom(knownAt, now);
  await applyTransition(
    ctx.db.sql,
    order,
    {
      actor,
      at: now,
      event: "RECHAZADO",
      to: "RECHAZADO",
      detail: input.reason,
      data: { endedAt: now, rejectionReason: input.reason, nonDeliveryKnownAt: knownAt, dueDay, daysLate, latenessBasis: "AVISO" },
    },
    [sql.prepared`UPDATE lots SET rejected = ${true} WHERE order_id = ${order.id} AND ${GUARD_HELD}`],
  );
  return { state: "RECHAZADO", dueDay, daysLate };
});
