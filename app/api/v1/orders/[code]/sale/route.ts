import { methodNotAllowed } from "@/lib/api/problem";
import { apiRoute, pathCode } from "@/lib/api/handler";
import type { SellOrderInput } from "@/lib/orders/schemas";
import { sellOrder } from "@/lib/orders/sell-order";

export const dynamic = "force-dynamic";

/** "Aceptado/Vendido": the seller records the lots. */
export const POST = apiRoute<{ code: string }>(async ({ actor, ctx, params, body }) => {
  const code = pathCode(params.code);
  const { state } = await sellOrder(ctx, actor, { ...body, code } as SellOrderInput);
  return { status: 200, body: { code, state } };
});

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
