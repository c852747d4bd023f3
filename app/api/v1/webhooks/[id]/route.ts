import { apiManage } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/problem";
import { endpointJson, pathId } from "@/lib/api/webhook-schemas";
import { deleteEndpoint, getEndpoint, updateEndpoint, type UpdateEndpointInput } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiManage<Params>(async ({ actor, db, params }) => ({
  status: 200,
  body: endpointJson(await getEndpoint(db, actor, pathId(params.id))),
}));

/** Changes the URL, description, event types, or enables / disables it. */
export const PATCH = apiManage<Params>(async ({ actor, db, params, body }) => ({
  status: 200,
  body: endpointJson(await updateEndpoint(db, actor, pathId(params.id), body as unknown as UpdateEndpointInput)),
}));

export const DELETE = apiManage<Params>(async ({ actor, db, params }) => {
  await deleteEndpoint(db, actor, pathId(params.id));
  return { status: 200, body: { id: pathId(params.id), deleted: true } };
});

export const POST = methodNotAllowed("GET, PATCH, DELETE");
export const PUT = POST;
