import "server-only";
import { notFound } from "next/navigation";
import type { SignedInUser } from "./session";
import { findOrderFor, type OrderDetail } from "@/lib/orders/queries";
import { database } from "./context";

/**
 * The order with this code that the user may see; anything else is "not found". Found by exact
 * match: a code imported from the legacy SCOP has no check digit of this portal.
 */
export async function orderVisibleTo(user: SignedInUser, code: string): Promise<OrderDetail> {
  if (!/^\d{11}$/.test(code)) notFound();
  const order = await database().transaction((tx) => findOrderFor(tx, user, code));
  if (!order) notFound();
  return order;
}
