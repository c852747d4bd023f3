import { apiManage } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/problem";
import { pathId } from "@/lib/api/webhook-schemas";
import { rotateSecret } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

/** A new signing secret (shown once); the old one signs beside it for 24 hours. */
export const POST = apiManage<{ id: string }>(
  async ({ actor, db, params }) => {
    const rotated = await rotateSecret(db, actor, pathId(params.id));
    return { status: 200, body: { secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt.toISOString() } };
  },
  { bodyRequired: false },
);

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
