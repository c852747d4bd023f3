import { annulBodySchema } from "@/lib/api/schemas";
import { apiRoute, pathCode } from "@/lib/api/handler";
import { annulOrder } from "@/lib/orders/annul-order";

export const dynamic = "force-dynamic";

/** "Anular" (no body). */
export const POST = apiRoute<{ code: string }>("/api/v1/orders/[code]/annul", "POST",
  async ({ actor, ctx, params }) => {
    const code = pathCode(params.code);
    await annulOrder(ctx, actor, { code });
    return { status: 200, body: { code, state: "ANULADO" } };
  },
  { body: annulBodySchema, bodyOptional: true },
);
