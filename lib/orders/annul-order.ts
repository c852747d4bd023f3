import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { orderCodeSchema } from "./schemas";
import { applyTransition, assertRoleFor, loadOrderFor } from "./transition";
import { metered } from "./metered";

/** "Anular": the buyer withdraws an order still SOLICITADO; its capacity is freed. */
export const annulOrder = metered("ANULAR", async function annulOrder(ctx: OrdersContext, actor: Actor, raw: { code: string }): Promise<void> {
  assertRoleFor(actor, "ANULAR");
  const { code } = parseInput(orderCodeSchema, raw);
  const now = ctx.now();
  const { order } = await loadOrderFor(ctx.db.sql, actor, code, "ANULAR");
  await applyTransition(ctx.db.sql, order, { actor, at: now, event: "ANULADO", to: "ANULADO", data: { endedAt: now } });
});
