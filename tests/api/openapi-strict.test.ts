/**
 * Defect 15 (issue 14): the OpenAPI document must say what the server checks, so that a client
 * generated from it sends nothing the server refuses for its shape. Here: the path code and its
 * example, dates, volumes, plates, guía, factura and Idempotency-Key carry their formats; bodies
 * allow no unknown property; every problem response lists its codes as an enum built from the
 * code's own lists; and the document has a license. Every zod check of a request that the
 * JSON Schema can express is then exercised against the server by tests/e2e/api-contract.spec.ts.
 */
import { TRUCK_ERRORS } from "@/lib/registry/truck-errors";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { API_ERRORS } from "@/lib/api/problem";
import { isValidAuthorizationCode } from "@/lib/authorization-code/validate";
import { WEBHOOK_ERRORS } from "@/lib/events/webhooks/errors";
import { ORDER_ERRORS } from "@/lib/orders/errors";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const document = openApiDocument() as Json;
const body = (path: string) => document.paths[path].post.requestBody.content["application/json"].schema as Json;

describe("the OpenAPI document says what the server checks", () => {
  it("the order code: 11 digits, and its example passes the check digit", () => {
    const code = document.paths["/api/v1/orders/{code}"].get.parameters.find((parameter: Json) => parameter.name === "code");
    expect(code.schema.pattern).toBe("^\\d{11}$");
    for (const example of code.schema.examples) expect(isValidAuthorizationCode(example), example).toBe(true);
  });

  it("dates, volumes, plates, guía, factura and Idempotency-Key have their formats; bodies are closed", () => {
    const register = body("/api/v1/orders");
    expect(register.properties.deliveryDate).toMatchObject({ type: "string", format: "date" });
    expect(register.properties.sellerId).toMatchObject({ type: "integer", minimum: 1 });
    expect(register.additionalProperties).toBe(false);
    const volume = register.properties.volume.anyOf;
    expect(volume).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: "number", exclusiveMinimum: 0, multipleOf: 0.01 }),
        expect.objectContaining({ type: "string", pattern: expect.any(String) }),
      ]),
    );
    const lot = body("/api/v1/orders/{code}/sale").properties.lots.items;
    expect(lot.additionalProperties).toBe(false);
    for (const field of ["plate", "guiaRemision", "factura"]) expect(lot.properties[field].pattern, field).toEqual(expect.any(String));
    expect(new RegExp(lot.properties.plate.pattern).test("T8A-870")).toBe(true);
    expect(new RegExp(lot.properties.guiaRemision.pattern).test("T001-00012345")).toBe(true);
    expect(new RegExp(lot.properties.guiaRemision.pattern).test("T001 00012345")).toBe(false);
    const dispatched = body("/api/v1/orders/{code}/dispatch").properties.lots.items.properties;
    expect(dispatched.dispatchedAt).toMatchObject({ type: "string", format: "date-time" });
    expect(dispatched.position).toMatchObject({ type: "integer" });
    const idempotency = document.paths["/api/v1/orders"].post.parameters.find((parameter: Json) => parameter.name === "Idempotency-Key");
    expect(new RegExp(idempotency.schema.pattern).test("pedido-0001")).toBe(true);
    expect(new RegExp(idempotency.schema.pattern).test("ñ")).toBe(false);
    expect(body("/api/v1/orders/{code}/close").properties.lots.items.oneOf[0].properties.rejected).toMatchObject({ type: "boolean" });
  });

  it("each problem response lists its codes, every one a code the server has, of that status", () => {
    const known: Record<string, number> = { ...API_ERRORS };
    for (const [code, kind] of [...Object.entries(ORDER_ERRORS), ...Object.entries(WEBHOOK_ERRORS), ...Object.entries(TRUCK_ERRORS)]) {
      known[code] = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, rule: 422 }[kind];
    }
    let responses = 0;
    for (const [route, methods] of Object.entries(document.paths as Json)) {
      for (const [method, operation] of Object.entries(methods as Json)) {
        for (const [status, response] of Object.entries((operation as Json).responses as Json)) {
          if (!status.startsWith("4")) continue;
          responses++;
          const codes = (response as Json).content["application/problem+json"].schema.allOf[1].properties.code.enum as string[];
          expect(codes.length, `${method} ${route} ${status}`).toBeGreaterThan(0);
          for (const code of codes) expect(known[code], `${method} ${route} ${status} ${code}`).toBe(Number(status));
        }
      }
    }
    expect(responses).toBeGreaterThan(30);
    // a 400 of a write lists the services' invalid-data codes too
    const sale400 = document.paths["/api/v1/orders/{code}/sale"].post.responses["400"].content["application/problem+json"].schema.allOf[1].properties.code.enum;
    expect(sale400).toEqual(expect.arrayContaining(["DATOS_INVALIDOS", "JSON_INVALIDO", "LOTES_INCOMPLETOS"]));
    expect(document.paths["/api/v1/orders"].post.responses["415"]).toBeDefined();
  });

  it("has a license", () => {
    expect(document.info.license.name).toEqual(expect.any(String));
  });

  it("the order services raise only listed codes (orderError), never a bare DomainError", () => {
    const directory = path.resolve(import.meta.dirname, "../../lib/orders");
    for (const file of readdirSync(directory).filter((name) => name.endsWith(".ts") && name !== "errors.ts")) {
      expect(readFileSync(path.join(directory, file), "utf8"), file).not.toMatch(/new DomainError\(/);
    }
  });

  it("every code the webhook services raise is in their list", () => {
    const directory = path.resolve(import.meta.dirname, "../../lib/events/webhooks");
    for (const file of readdirSync(directory).filter((name) => name.endsWith(".ts"))) {
      const source = readFileSync(path.join(directory, file), "utf8");
      for (const match of source.matchAll(/DomainError\(\s*"(\w+)",\s*"(\w+)"/g)) {
        expect(WEBHOOK_ERRORS[match[2] as keyof typeof WEBHOOK_ERRORS], `${file}: ${match[2]}`).toBe(match[1]);
      }
    }
  });
});
