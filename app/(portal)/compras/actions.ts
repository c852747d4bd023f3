"use server";

import { revalidatePath } from "next/cache";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import type { CloseOrderInput, RegisterOrderInput, RejectOrderInput } from "@/lib/orders/schemas";
import { runAction } from "@/lib/next/action";
import { ordersContext } from "@/lib/next/context";

// Each action checks the session and role (runAction) and the service checks ownership, state
// and rules again inside its transaction: nothing here trusts the browser.

export async function registerOrderAction(input: RegisterOrderInput) {
  const result = await runAction("registerOrderAction", async (user) => {
    const order = await registerOrder(ordersContext(), user, input);
    return { code: order.code, requestedAt: order.requestedAt.toISOString() };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function annulOrderAction(code: string) {
  const result = await runAction("annulOrderAction", (user) => annulOrder(ordersContext(), user, { code }));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function closeOrderAction(input: CloseOrderInput) {
  const result = await runAction("closeOrderAction", (user) => closeOrder(ordersContext(), user, input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function rejectOrderAction(input: RejectOrderInput) {
  const result = await runAction("rejectOrderAction", (user) => rejectOrder(ordersContext(), user, input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
