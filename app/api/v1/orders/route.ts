import { apiRead, apiRoute } from "@/lib/api/handler";
import { DEFAULT_LIMIT, decodeCursor, encodeCursor, listOrdersQuerySchema, parseQuery, registerBodySchema } from "@/lib/api/schemas";
import { orderSummaryJson } from "@/lib/api/serialize";
import { listOrdersFor } from "@/lib/orders/queries";
import { registerOrder } from "@/lib/orders/register-order";
import type { RegisterOrderInput } from "@/lib/orders/schemas";

export const dynamic = "force-dynamic";

/** The orders the key's agent may see, newest first, a page at a time. */
export const GET = apiRead("/api/v1/orders", async ({ actor, db, url }) => {
  const query = parseQuery(listOrdersQuerySchema, url);
  const after = decodeCursor(query.cursor);
  const take = query.limit ?? DEFAULT_LIMIT;
  const orders = await listOrdersFor(
    db,
    actor,
    {
      states: query.state ? [query.state] : undefined,
      plate: query.plate,
      from: query.from,
      to: query.to,
      after: after && { requestedAt: after.at, id: after.id },
    },
    take + 1,
  );
  const page = orders.slice(0, take);
  const last = page.at(-1);
  return {
    status: 200,
    body: { items: page.map(orderSummaryJson), nextCursor: orders.length > take && last ? encodeCursor(last.requestedAt, last.id) : null },
  };
});

/** "Registrar Orden". */
export const POST = apiRoute("/api/v1/orders", "POST", async ({ actor, ctx, body }) => {
  const order = await registerOrder(ctx, actor, body as unknown as RegisterOrderInput);
  return { status: 201, body: { code: order.code, state: "SOLICITADO", requestedAt: order.requestedAt.toISOString() } };
}, { body: registerBodySchema });
