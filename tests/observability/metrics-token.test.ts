import { describe, expect, it } from "vitest";
import { metricsAccess } from "@/lib/observability/metrics-token";

const TOKEN = "metricas-0123456789abcdef";

describe("who may read /api/metrics", () => {
  it("a scraper presenting the configured token as a bearer token", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, TOKEN)).toBe("granted");
    expect(metricsAccess(`bearer ${TOKEN} `, TOKEN)).toBe("granted");
  });

  it("nobody else: no header, another scheme, another token, a prefix or an extension of it", () => {
    for (const header of [null, "", TOKEN, `Basic ${TOKEN}`, "Bearer otro-token-0123456789", `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, "Bearer "]) {
      expect(metricsAccess(header, TOKEN), String(header)).toBe("denied");
    }
  });

  it("nobody when no token is configured, or one too short to be a secret", () => {
    expect(metricsAccess(`Bearer ${TOKEN}`, undefined)).toBe("disabled");
    expect(metricsAccess("Bearer corto", "corto")).toBe("disabled");
    expect(metricsAccess("Bearer ", "")).toBe("disabled");
  });
});
