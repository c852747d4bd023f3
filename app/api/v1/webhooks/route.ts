import { apiRoute } from "@/lib/api/handler";
import { methodNotAllowed } from "@/lib/api/problem";
import { endpointJson } from "@/lib/api/webhook-schemas";
import { createEndpoint, listEndpoints, type CreateEndpointInput } from "@/lib/events/webhooks/endpoints";

export const dynamic = "force-dynamic";

/** The key's agent's webhook endpoints. */
export const GET = apiRoute(async ({ actor, ctx }) => {
  const endpoints = await listEndpoints(ctx.db, actor);
  return { status: 200, body: { items: endpoints.map(endpointJson) } };
});

/** Registers an endpoint; the answer carries its signing secret, once. */
export const POST = apiRoute(async ({ actor, ctx, body }) => {
  const { endpoint, secret } = await createEndpoint(ctx.db, actor, body as unknown as CreateEndpointInput);
  return { status: 201, body: { ...endpointJson(endpoint), secret } };
});

export const PUT = methodNotAllowed("GET, POST");
export const PATCH = PUT;
export const DELETE = PUT;
