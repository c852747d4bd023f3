import { apiManage } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/problem";
import { pathId } from "@/lib/api/webhook-schemas";
import { resendDelivery } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

/** "Reenviar": the same webhook-id and body, sent again now; the attempt goes into the log. */
export const POST = apiManage<{ id: string; deliveryId: string }>(
  async ({ actor, db, params }) => ({
    status: 200,
    body: await resendDelivery(db, actor, pathId(params.id), pathId(params.deliveryId)),
  }),
  { bodyRequired: false },
);

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
