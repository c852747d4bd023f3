import { annulBodySchema } from "@/lib/api/schemas";
import { apiManage } from "@/lib/api/handler";
import { pathId } from "@/lib/api/webhook-schemas";
import { resendDelivery } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

/** "Reenviar": the same webhook-id and body, sent again now; the attempt goes into the log. */
export const POST = apiManage<{ id: string; deliveryId: string }>(
  "/api/v1/webhooks/[id]/deliveries/[deliveryId]/resend",
  "POST",
  async ({ actor, db, params }) => ({
    status: 200,
    body: await resendDelivery(db, actor, pathId(params.id), pathId(params.deliveryId)),
  }),
  { body: annulBodySchema, bodyOptional: true },
);
