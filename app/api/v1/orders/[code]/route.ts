import { methodNotAllowed } from "@/lib/api/problem";
import { apiRead, pathCode } from "@/lib/api/handler";
import { ApiProblem } from "@/lib/api/problem";
import { orderDetailJson } from "@/lib/api/serialize";
import { findOrderFor } from "@/lib/orders/queries";
import { ORDER_NOT_FOUND_MESSAGE } from "@/lib/orders/transition";

export const dynamic = "force-dynamic";

/** One order with its lots and movements; another agent's order is not found. */
export const GET = apiRead<{ code: string }>(async ({ actor, db, params }) => {
  const code = pathCode(params.code);
  const order = await db.transaction((tx) => findOrderFor(tx, actor, code));
  if (!order) throw new ApiProblem(404, "ORDEN_NO_ENCONTRADA", ORDER_NOT_FOUND_MESSAGE);
  return { status: 200, body: orderDetailJson(order) };
});

export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
