import { apiManage } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/problem";
import { endpointJson } from "@/lib/api/webhook-schemas";
import { createEndpoint, listEndpoints, type CreateEndpointInput } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

/** The key's agent's webhook endpoints. */
export const GET = apiManage(async ({ actor, db }) => {
  const endpoints = await listEndpoints(db, actor);
  return { status: 200, body: { items: endpoints.map(endpointJson) } };
});

/** Registers an endpoint; the answer carries its signing secret, once. */
export const POST = apiManage(async ({ actor, db, body }) => {
  const { endpoint, secret } = await createEndpoint(db, actor, body as unknown as CreateEndpointInput);
  return { status: 201, body: { ...endpointJson(endpoint), secret } };
});

export const PUT = methodNotAllowed("GET, POST");
export const PATCH = PUT;
export const DELETE = PUT;
