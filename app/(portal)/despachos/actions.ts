"use server";

import { revalidatePath } from "next/cache";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { orderCodeSchema, type DispatchOrderInput } from "@/lib/orders/schemas";
import { findOrderFor } from "@/lib/orders/queries";
import type { OrderState } from "@/lib/orders/states";
import { runAction, type ActionResult } from "@/lib/next/action";
import { ordersContext } from "@/lib/next/context";

export interface DispatchRegistered {
  code: string;
  /** the state the order rests in now: POR_CERRAR */
  state: OrderState;
}

/** "Registrar Despacho": the operator of the order's Planta de Abastecimiento records each lot's dispatch. */
export async function registerDispatch(input: DispatchOrderInput): Promise<ActionResult<DispatchRegistered>> {
  const result = await runAction("registerDispatch", async (user) => {
    const ctx = ordersContext();
    await dispatchOrder(ctx, user, input);
    // dispatchOrder parsed the code already, so this cannot fail; it gives the normalised code.
    const { code } = orderCodeSchema.parse({ code: input.code });
    const order = await ctx.db.transaction((tx) => findOrderFor(tx, user, code));
    return { code, state: (order?.state ?? "POR_CERRAR") as OrderState };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
