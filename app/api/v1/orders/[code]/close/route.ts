import { closeBodySchema } from "@/lib/api/schemas";
import { apiRoute, pathCode } from "@/lib/api/handler";
import { closeOrder } from "@/lib/orders/close-order";
import type { CloseOrderInput } from "@/lib/orders/schemas";

export const dynamic = "force-dynamic";

/** "Registrar Cierre": received quantity and descarga per lot, or the lot rejected. */
export const POST = apiRoute<{ code: string }>("/api/v1/orders/[code]/close", "POST", async ({ actor, ctx, params, body }) => {
  const code = pathCode(params.code);
  const closed = await closeOrder(ctx, actor, { ...body, code } as CloseOrderInput);
  return { status: 200, body: { code, state: closed.state, dueDay: closed.dueDay, daysLate: closed.daysLate } };
}, { body: closeBodySchema });
