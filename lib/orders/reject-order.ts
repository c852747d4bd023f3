import { sql } from "@/lib/db/sql";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { rejectOrderSchema, type RejectOrderInput } from "./schemas";
import { applyTransition, assertRoleFor, loadOrderFor } from "./transition";

/**
 * "Rechazar": the buyer refuses the product of an order already sold and not yet closed, giving
 * a reason. Every lot is marked rejected and the buyer's capacity is freed.
 */
export async function rejectOrder(ctx: OrdersContext, actor: Actor, raw: RejectOrderInput): Promise<void> {
  assertRoleFor(actor, "RECHAZAR");
  const input = parseInput(rejectOrderSchema, raw);
  const now = ctx.now();
  await ctx.db.sql.transaction(async (tx) => {
    const order = await loadOrderFor(tx, actor, input.code, "RECHAZAR");
    await applyTransition(tx, order, {
      actor,
      at: now,
      event: "RECHAZADO",
      to: "RECHAZADO",
      detail: input.reason,
      data: { endedAt: now, rejectionReason: input.reason },
    });
    await tx.run(sql.prepared`UPDATE lots SET rejected = ${true} WHERE order_id = ${order.id}`);
  });
}
