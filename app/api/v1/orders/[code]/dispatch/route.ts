import { dispatchBodySchema } from "@/lib/api/schemas";
import { apiRoute, pathCode } from "@/lib/api/handler";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import type { DispatchOrderInput } from "@/lib/orders/schemas";

export const dynamic = "force-dynamic";

/** "Despachado": the plant operator records each lot's dispatch (flow b). */
export const POST = apiRoute<{ code: string }>("/api/v1/orders/[code]/dispatch", "POST", async ({ actor, ctx, params, body }) => {
  const code = pathCode(params.code);
  await dispatchOrder(ctx, actor, { ...body, code } as DispatchOrderInput);
  return { status: 200, body: { code, state: "POR_CERRAR" } };
}, { body: dispatchBodySchema });
