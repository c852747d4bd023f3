import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { WEBHOOK_EVENT_TYPES } from "@/lib/events/catalog";

const ROUTES: Record<string, string[]> = {
  "/api/v1/orders": ["get", "post"],
  "/api/v1/orders/{code}": ["get"],
  "/api/v1/orders/{code}/annul": ["post"],
  "/api/v1/orders/{code}/sale": ["post"],
  "/api/v1/orders/{code}/dispatch": ["post"],
  "/api/v1/orders/{code}/close": ["post"],
  "/api/v1/orders/{code}/reject": ["post"],
  "/api/v1/movements": ["get"],
  "/api/v1/trucks": ["get", "post"],
  "/api/v1/trucks/{id}": ["get", "put"],
  "/api/v1/trucks/{id}/status": ["post"],
  "/api/v1/webhooks": ["get", "post"],
  "/api/v1/webhooks/{id}": ["get", "patch", "delete"],
  "/api/v1/webhooks/{id}/rotate-secret": ["post"],
  "/api/v1/webhooks/{id}/deliveries": ["get"],
  "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend": ["post"],
  "/api/v1/openapi.json": ["get"],
  // the movement log and the public verification: no key, no session
  "/api/log/checkpoint": ["get"],
  "/api/log/key": ["get"],
  "/api/log/checkpoints": ["get"],
  "/api/log/proof/inclusion": ["get"],
  "/api/log/proof/consistency": ["get"],
  "/api/log/leaves/{index}": ["get"],
  "/api/log/tile/{path}": ["get"],
  "/api/verificacion/codigo/{code}": ["get"],
  "/api/verificacion/placa/{plate}": ["get"],
};
const PUBLIC = (path: string) => path === "/api/v1/openapi.json" || path.startsWith("/api/log/") || path.startsWith("/api/verificacion/");

type Json = Record<string, unknown>;
const document = openApiDocument() as unknown as Json & { paths: Record<string, Record<string, Json>> };

function resolve(ref: string): unknown {
  expect(ref.startsWith("#/")).toBe(true);
  return ref
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")], document);
}

function* refsIn(node: unknown): Generator<string> {
  if (Array.isArray(node)) for (const item of node) yield* refsIn(item);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") yield value;
      else yield* refsIn(value);
    }
  }
}

describe("OpenAPI document", () => {
  it("describes every webhook payload under `webhooks`, with the Standard Webhooks headers", () => {
    const webhooks = document.webhooks as Record<string, { post: { parameters: { name: string }[]; requestBody: { content: { "application/json": { schema: Json } } } } }>;
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const [type, { post }] of Object.entries(webhooks)) {
      expect(post.parameters.map((parameter) => parameter.name), type).toEqual(["webhook-id", "webhook-timestamp", "webhook-signature"]);
      const schema = post.requestBody.content["application/json"].schema;
      const target = (schema.$ref ? resolve(schema.$ref as string) : schema) as { properties: Record<string, Json> };
      expect(target.properties.type, type).toMatchObject({ const: type });
      expect(Object.keys(target.properties).sort()).toEqual(["data", "timestamp", "type"]);
    }
  });

  it("is OpenAPI 3.1.0 with bearer security", () => {
    expect(document.openapi).toBe("3.1.0");
    expect(document).toMatchObject({ components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } } });
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it("lists every route with its methods, and each POST with a body has its schema", () => {
    for (const [path, methods] of Object.entries(ROUTES)) {
      expect(Object.keys(document.paths[path] ?? {}).sort(), path).toEqual([...methods].sort());
    }
    for (const path of ["/api/v1/orders", "/api/v1/orders/{code}/sale", "/api/v1/orders/{code}/dispatch", "/api/v1/orders/{code}/close", "/api/v1/orders/{code}/reject"]) {
      const schema = (document.paths[path].post as { requestBody: { content: { "application/json": { schema: Json } } } }).requestBody.content[
        "application/json"
      ].schema;
      expect(schema.type, path).toBe("object");
      expect(Object.keys(schema.properties as Json).length, path).toBeGreaterThan(0);
    }
    const register = (document.paths["/api/v1/orders"].post as { requestBody: { content: { "application/json": { schema: Json } } } }).requestBody
      .content["application/json"].schema;
    expect(register.required).toEqual(expect.arrayContaining(["sellerType", "sellerId", "volume", "deliveryDate"]));
    // the annulment takes no body: at most an empty object
    expect(document.paths["/api/v1/orders/{code}/annul"].post.requestBody).toMatchObject({
      required: false,
      content: { "application/json": { schema: { type: "object", additionalProperties: false } } },
    });
    const truck = (document.paths["/api/v1/trucks"].post as { requestBody: { content: { "application/json": { schema: Json } } } }).requestBody.content["application/json"].schema;
    expect(truck.required).toEqual(expect.arrayContaining(["plate", "registryNumber", "ownerAgentId", "capacity", "insuranceExpiresOn"]));
    // The plate filter of the regulator's lists, from the same zod schema the API parses with.
    for (const path of ["/api/v1/orders", "/api/v1/movements", "/api/v1/trucks"]) {
      expect((document.paths[path].get.parameters as Json[]).map((parameter) => parameter.name), path).toContain("plate");
    }
  });


  it("documents the declared times: each lot's descarga and the notice of non-delivery in, the due day and its basis out", () => {
    const body = (path: string) => JSON.stringify((document.paths[path].post as { requestBody: unknown }).requestBody);
    expect(body("/api/v1/orders/{code}/close")).toContain('"unloadedAt"');
    expect(body("/api/v1/orders/{code}/close")).toContain('"nonDeliveryKnownAt"');
    expect(body("/api/v1/orders/{code}/reject")).toContain('"nonDeliveryKnownAt"');
    const summary = (document.components as { schemas: Record<string, { properties: Json }> }).schemas.OrderSummary.properties;
    expect(Object.keys(summary)).toEqual(expect.arrayContaining(["dueDay", "daysLate", "latenessBasis", "nonDeliveryKnownAt"]));
    expect(JSON.stringify(summary.latenessBasis)).toContain('["DESCARGA","AVISO","VENTA_DESPACHO"]');
    expect(JSON.stringify((document.components as { schemas: Record<string, unknown> }).schemas.OrderDetail)).toContain('"unloadedAt"');
    const rejected = JSON.stringify(document.paths["/api/v1/orders/{code}/reject"].post.responses);
    expect(rejected).toContain('"dueDay"');
    expect(rejected).toContain('"daysLate"');
  });

  it("every operation documents a success and problem responses, and path codes are parameters", () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const statuses = Object.keys(operation.responses as Json);
        expect(statuses.some((status) => status.startsWith("2")), `${method} ${path}`).toBe(true);
        // an operation behind a key documents 401; a public one declares no security at all
        if (PUBLIC(path)) expect(operation.security, `${method} ${path}`).toEqual([]);
        else expect(statuses, `${method} ${path}`).toContain("401");
        if (path.includes("{code}")) {
          expect(operation.parameters, `${method} ${path}`).toEqual(expect.arrayContaining([expect.objectContaining({ name: "code", in: "path", required: true })]));
        }
      }
    }
  });

  it("every $ref resolves and no schema is left unrepresented", () => {
    const refs = [...refsIn(document)];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(resolve(ref), ref).toBeTypeOf("object");
    expect(JSON.stringify(document)).not.toContain("#/$defs/");
    expect(JSON.stringify(document)).not.toContain('"$schema"');
  });
});
