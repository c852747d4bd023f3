import "server-only";
import { notFound } from "next/navigation";
import type { SignedInUser } from "./session";
import { isValidAuthorizationCode } from "@/lib/authorization-code/validate";
import { findOrderFor, type OrderDetail } from "@/lib/orders/queries";
import { database } from "./context";

/** The order with this code that the user may see; anything else is "not found". */
export async function orderVisibleTo(user: SignedInUser, code: string): Promise<OrderDetail> {
  if (!isValidAuthorizationCode(code)) notFound();
  const order = await database().transaction((tx) => findOrderFor(tx, user, code));
  if (!order) notFound();
  return order;
}
