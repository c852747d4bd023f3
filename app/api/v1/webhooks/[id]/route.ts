import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/problem";
import { endpointJson, pathId } from "@/lib/api/webhook-schemas";
import { deleteEndpoint, getEndpoint, updateEndpoint, type UpdateEndpointInput } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, ctx, params }) => ({
  status: 200,
  body: endpointJson(await getEndpoint(ctx.db, actor, pathId(params.id))),
}));

/** Changes the URL, description, event types, or enables / disables it. */
export const PATCH = apiRoute<Params>(async ({ actor, ctx, params, body }) => ({
  status: 200,
  body: endpointJson(await updateEndpoint(ctx.db, actor, pathId(params.id), body as unknown as UpdateEndpointInput)),
}));

export const DELETE = apiRoute<Params>(async ({ actor, ctx, params }) => {
  await deleteEndpoint(ctx.db, actor, pathId(params.id));
  return { status: 200, body: { id: pathId(params.id), deleted: true } };
});

export const POST = methodNotAllowed("GET, PATCH, DELETE");
export const PUT = POST;
