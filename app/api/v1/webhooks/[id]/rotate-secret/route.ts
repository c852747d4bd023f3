import { annulBodySchema } from "@/lib/api/schemas";
import { apiManage } from "@/lib/api/handler";
import { pathId } from "@/lib/api/webhook-schemas";
import { rotateSecret } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

/** A new signing secret (shown once); the old one signs beside it for 24 hours. */
export const POST = apiManage<{ id: string }>(
  "/api/v1/webhooks/[id]/rotate-secret",
  "POST",
  async ({ actor, db, params }) => {
    const rotated = await rotateSecret(db, actor, pathId(params.id));
    return { status: 200, body: { secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt.toISOString() } };
  },
  { body: annulBodySchema, bodyOptional: true },
);
