import { rejectBodySchema } from "@/lib/api/schemas";
import { apiRoute, pathCode } from "@/lib/api/handler";
import { rejectOrder } from "@/lib/orders/reject-order";
import type { RejectOrderInput } from "@/lib/orders/schemas";

export const dynamic = "force-dynamic";

/** "Rechazar", with a reason. */
export const POST = apiRoute<{ code: string }>("/api/v1/orders/[code]/reject", "POST", async ({ actor, ctx, params, body }) => {
  const code = pathCode(params.code);
  await rejectOrder(ctx, actor, { ...body, code } as RejectOrderInput);
  return { status: 200, body: { code, state: "RECHAZADO" } };
}, { body: rejectBodySchema });
