/**
 * The front door's own answers (lib/http/request-policy.ts) and the sign-in's `next` (defect 1),
 * without a server: the running server's behaviour is in tests/e2e/hardening.spec.ts.
 */
import { describe, expect, it } from "vitest";
import { routeOf } from "@/lib/auth/permissions";
import { safeNextPath } from "@/lib/auth/safe-next";
import { earlyAnswer, securityHeaders } from "@/lib/http/request-policy";

const noFiles = () => false;

describe("safeNextPath (defect 1)", () => {
  it.each(["/%09/evil.example", "/\t/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example", "javascript:alert(1)", "/\n/evil.example", " //evil.example"])(
    "keeps %j on the site",
    (next) => expect(safeNextPath(next)).toMatch(/^\/(?!\/)/),
  );
  it("keeps a path of the site, with its query", () => {
    expect(safeNextPath("/verificacion?code=12345678903")).toBe("/verificacion?code=12345678903");
    expect(safeNextPath("/ordenes/1/../2")).toBe("/ordenes/2");
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(["/a", "/b"])).toBe("/");
  });
});

describe("the front door's answers", () => {
  it("routes a path as Next.js does: static segments before dynamic ones", () => {
    expect(routeOf("/api/v1/orders/12345678903")?.path).toBe("/api/v1/orders/[code]");
    expect(routeOf("/api/v1/openapi.json")?.path).toBe("/api/v1/openapi.json");
    expect(routeOf("/api/v1/nada/mas")?.path).toBe("/api/v1/[...path]");
    expect(routeOf("/registro/nuevo")?.path).toBe("/registro/nuevo");
    expect(routeOf("/registro/7")?.path).toBe("/registro/[id]");
    expect(routeOf("/ordenes/")?.path).toBe("/ordenes");
    expect(routeOf("/no/existe")).toBeNull();
  });

  it("a malformed % escape is a 400 (defect 7)", () => {
    expect(earlyAnswer("GET", "/api/v1/orders/%ZZ", noFiles)).toMatchObject({ status: 400, headers: { "Content-Type": "application/problem+json" } });
    expect(earlyAnswer("GET", "/ordenes/%E0%A4%A", noFiles)).toMatchObject({ status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    expect(earlyAnswer("GET", "/ordenes?q=%ZZ", noFiles)).toBeNull();
  });

  it("a method the route does not answer is a 405 with Allow; OPTIONS names the route's methods (defects 8, 14)", () => {
    expect(earlyAnswer("PUT", "/api/v1/orders", noFiles)).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, POST, OPTIONS" } });
    expect(JSON.parse(earlyAnswer("DELETE", "/api/v1/orders/12345678903", noFiles)!.body)).toMatchObject({ status: 405, code: "METODO_NO_PERMITIDO" });
    expect(earlyAnswer("TRACE", "/", noFiles)).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, POST, OPTIONS" } });
    expect(earlyAnswer("OPTIONS", "/api/v1/orders/12345678903/sale", noFiles)).toMatchObject({ status: 204, headers: { Allow: "POST, OPTIONS" } });
    expect(earlyAnswer("POST", "/_next/static/chunks/x.js", noFiles)).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, OPTIONS" } });
    expect(earlyAnswer("TRACE", "/plantilla-agentes.csv", (path) => path === "/plantilla-agentes.csv")).toMatchObject({ status: 405 });
    expect(earlyAnswer("DELETE", "/no/existe", noFiles)).toMatchObject({ status: 404 });
    expect(earlyAnswer("GET", "/no/existe", noFiles)).toBeNull();
    expect(earlyAnswer("GET", "/_global-error", noFiles)).toMatchObject({ status: 404 });
    expect(earlyAnswer("GET", "/api/v1/orders", noFiles)).toBeNull();
    expect(earlyAnswer("HEAD", "/ordenes", noFiles)).toBeNull();
    expect(earlyAnswer("POST", "/ordenes", noFiles)).toBeNull();
  });

  it("sends HSTS only over HTTPS (defect 5)", () => {
    expect(securityHeaders(false)["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders(true)["Strict-Transport-Security"]).toContain("max-age=");
    expect(securityHeaders(false)).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
  });
});
