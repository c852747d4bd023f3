import { rejectBodySchema } from "@/lib/api/schemas";
import { apiRoute, pathCode } from "@/lib/api/handler";
import { rejectOrder } from "@/lib/orders/reject-order";
import type { RejectOrderInput } from "@/lib/orders/schemas";

export const dynamic = "force-dynamic";

/** "Rechazar", with a reason and when the buyer learned the product would not arrive. */
export const POST = apiRoute<{ code: string }>("/api/v1/orders/[code]/reject", "POST", async ({ actor, ctx, params, body }) => {
  const code = pathCode(params.code);
  const rejected = await rejectOrder(ctx, actor, { ...body, code } as RejectOrderInput);
  return { status: 200, body: { code, state: rejected.state, dueDay: rejected.dueDay, daysLate: rejected.daysLate } };
}, { body: rejectBodySchema });
