/** The load balancer's health check: a constant answer, reachable without a session. */
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { config } from "@/proxy";

describe("GET /api/health", () => {
  it("answers 200 with a constant JSON", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("is left out of the proxy's sign-in redirect, unlike the portal's pages", () => {
    const proxied = new RegExp(`^${config.matcher[0]}$`);
    expect(proxied.test("/api/health")).toBe(false);
    expect(proxied.test("/api/v1/orders")).toBe(false);
    expect(proxied.test("/compras/generar")).toBe(true);
  });
});
