import { describe, expect, it } from "vitest";
import { UNMATCHED, routeMatcher, type RoutesManifest } from "@/lib/http/routes";

// The shape of .next/routes-manifest.json (Next.js 16), with a few of the portal's routes.
const manifest: RoutesManifest = {
  staticRoutes: [
    { page: "/", regex: "^/(?:/)?$" },
    { page: "/ordenes", regex: "^/ordenes(?:/)?$" },
    { page: "/api/v1/orders", regex: "^/api/v1/orders(?:/)?$" },
  ],
  dynamicRoutes: [
    { page: "/api/auth/[...nextauth]", regex: "^/api/auth/(.+?)(?:/)?$" },
    { page: "/api/v1/orders/[code]", regex: "^/api/v1/orders/([^/]+?)(?:/)?$" },
    { page: "/api/v1/orders/[code]/sale", regex: "^/api/v1/orders/([^/]+?)/sale(?:/)?$" },
    { page: "/ordenes/[code]", regex: "^/ordenes/([^/]+?)(?:/)?$" },
    { page: "/api/v1/[...path]", regex: "^/api/v1/(.+?)(?:/)?$" },
  ],
};

describe("the route template of a path (the metrics' and the access log's label)", () => {
  const routeOf = routeMatcher(manifest, ["/plantilla-agentes.csv"]);

  it("names a page or handler by its template, never by the order in its path", () => {
    expect(routeOf("/ordenes/54460617869")).toBe("/ordenes/[code]");
    expect(routeOf("/api/v1/orders/54460617869/sale")).toBe("/api/v1/orders/[code]/sale");
    expect(routeOf("/api/v1/orders/54460617869")).toBe("/api/v1/orders/[code]");
    expect(routeOf("/api/auth/callback/credentials")).toBe("/api/auth/[...nextauth]");
  });

  it("prefers a static route, then the dynamic ones in Next.js's order", () => {
    expect(routeOf("/ordenes")).toBe("/ordenes");
    expect(routeOf("/ordenes/")).toBe("/ordenes");
    expect(routeOf("/api/v1/orders")).toBe("/api/v1/orders");
    expect(routeOf("/api/v1/whatever/else")).toBe("/api/v1/[...path]");
  });

  it("groups Next.js's assets, names public files, and puts everything else under one label", () => {
    expect(routeOf("/_next/static/chunks/app-1234.js")).toBe("/_next/static");
    expect(routeOf("/_next/image")).toBe("/_next/image");
    expect(routeOf("/plantilla-agentes.csv")).toBe("/plantilla-agentes.csv");
    expect(routeOf("/wp-login.php")).toBe(UNMATCHED);
    expect(routeOf("/ordenes/1/2/3")).toBe(UNMATCHED);
  });
});
