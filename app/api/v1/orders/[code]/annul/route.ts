import { methodNotAllowed } from "@/lib/api/problem";
import { apiRoute, pathCode } from "@/lib/api/handler";
import { annulOrder } from "@/lib/orders/annul-order";

export const dynamic = "force-dynamic";

/** "Anular" (no body). */
export const POST = apiRoute<{ code: string }>(
  async ({ actor, ctx, params }) => {
    const code = pathCode(params.code);
    await annulOrder(ctx, actor, { code });
    return { status: 200, body: { code, state: "ANULADO" } };
  },
  { bodyRequired: false },
);

export const GET = methodNotAllowed("POST");
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
