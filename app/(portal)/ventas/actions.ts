"use server";

import { revalidatePath } from "next/cache";
import { orderCodeSchema, type SellOrderInput } from "@/lib/orders/schemas";
import { findOrderFor } from "@/lib/orders/queries";
import { sellOrder } from "@/lib/orders/sell-order";
import type { OrderState } from "@/lib/orders/states";
import { runAction, type ActionResult } from "@/lib/next/action";
import { ordersContext } from "@/lib/next/context";

export interface SaleRegistered {
  code: string;
  /** the state the order rests in now: POR_CERRAR (flow a) or VENDIDO (flow b) */
  state: OrderState;
}

/** "Registrar Venta": the chosen seller records the sold lots of a SOLICITADO order. */
export async function registerSale(input: SellOrderInput): Promise<ActionResult<SaleRegistered>> {
  const result = await runAction("registerSale", async (user) => {
    const ctx = ordersContext();
    await sellOrder(ctx, user, input);
    // sellOrder parsed the code already, so this cannot fail; it gives the normalised code.
    const { code } = orderCodeSchema.parse({ code: input.code });
    const order = await ctx.db.transaction((tx) => findOrderFor(tx, user, code));
    return { code, state: (order?.state ?? "VENDIDO") as OrderState };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
