import { saleBodySchema } from "@/lib/api/schemas";
import { apiRoute, pathCode } from "@/lib/api/handler";
import type { SellOrderInput } from "@/lib/orders/schemas";
import { sellOrder } from "@/lib/orders/sell-order";

export const dynamic = "force-dynamic";

/** "Aceptado/Vendido": the seller records the lots. */
export const POST = apiRoute<{ code: string }>("/api/v1/orders/[code]/sale", "POST", async ({ actor, ctx, params, body }) => {
  const code = pathCode(params.code);
  const { state } = await sellOrder(ctx, actor, { ...body, code } as SellOrderInput);
  return { status: 200, body: { code, state } };
}, { body: saleBodySchema });
