import { apiManage } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/problem";
import { parseQuery } from "@/lib/api/schemas";
import { deliveriesQuerySchema, deliveryJson, pathId } from "@/lib/api/webhook-schemas";
import { listDeliveries } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

/** The endpoint's delivery log, newest first; pass nextCursor as cursor for the next page. */
export const GET = apiManage<{ id: string }>(async ({ actor, db, params, url }) => {
  const query = parseQuery(deliveriesQuerySchema, url);
  const { deliveries } = await listDeliveries(db, actor, pathId(params.id), {
    limit: query.limit + 1,
    beforeId: query.cursor ? Number(query.cursor) : undefined,
  });
  const page = deliveries.slice(0, query.limit);
  const more = deliveries.length > query.limit;
  return { status: 200, body: { items: page.map(deliveryJson), nextCursor: more ? String(page.at(-1)!.id) : null } };
});

export const POST = methodNotAllowed("GET");
export const PUT = POST;
export const PATCH = POST;
export const DELETE = POST;
