import { apiRead, pathCode } from "@/lib/api/handler";
import { orderDetailJson } from "@/lib/api/serialize";
import { findOrderFor } from "@/lib/orders/queries";
import { orderNotFound } from "@/lib/orders/transition";

export const dynamic = "force-dynamic";

/** One order with its lots and movements; another agent's order is not found. */
export const GET = apiRead<{ code: string }>("/api/v1/orders/[code]", async ({ actor, db, params }) => {
  const code = pathCode(params.code);
  const order = await db.transaction((tx) => findOrderFor(tx, actor, code));
  if (!order) throw orderNotFound(code);
  return { status: 200, body: orderDetailJson(order) };
});
