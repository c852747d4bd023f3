/**
 * The front door's access log and HTTP metrics, on a real Node HTTP server: one line per request
 * with its id, route template, status, duration, client address and who acted; the app's own
 * lines meanwhile carry the same id; a response the client abandons is recorded as 499.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_CLOSED, serveObserved } from "@/lib/http/access-log";
import { stampRequest, trustedProxies } from "@/lib/http/front-door";
import { routeMatcher } from "@/lib/http/routes";
import { log, logTo } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { noteActor } from "@/lib/observability/request-context";

const lines: Record<string, unknown>[] = [];
let server: Server;
let base: string;

const routeOf = routeMatcher({
  staticRoutes: [{ page: "/api/health", regex: "^/api/health(?:/)?$" }],
  dynamicRoutes: [{ page: "/api/v1/orders/[code]", regex: "^/api/v1/orders/([^/]+?)(?:/)?$" }],
});

beforeAll(async () => {
  logTo({ write: (line: string) => void lines.push(JSON.parse(line)) }, "info");
  const trust = trustedProxies(undefined);
  server = createServer((request, response) => {
    const stamp = stampRequest(request, trust);
    response.setHeader("X-Request-Id", stamp.requestId);
    serveObserved(request, response, stamp, routeOf, async () => {
      // what the app does: learn who acts, log something later on, answer
      if (request.headers.authorization) noteActor({ role: "COMPRADOR", userId: 3, apiKeyId: 9 });
      await new Promise((resolve) => setTimeout(resolve, 2));
      log("app").info({ step: "trabajo" }, "en la aplicación");
      if (request.url?.startsWith("/lento")) return; // never answers: the client gives up
      response.statusCode = request.url?.startsWith("/api/v1/orders/") ? 404 : 200;
      response.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const accessLines = () => lines.filter((line) => line.component === "http");
const waitFor = async (predicate: () => boolean) => {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("the front door's access log", () => {
  it("writes one line per request, with the id the response carries, the template, status, time and address", async () => {
    const before = (await metrics().httpRequests.get()).values.find((v) => v.labels.route === "/api/v1/orders/[code]" && v.labels.status === "404")?.value ?? 0;
    const response = await fetch(`${base}/api/v1/orders/54460617869?token=secreto-en-la-url`, { headers: { authorization: "Bearer scop_x" } });
    const requestId = response.headers.get("x-request-id")!;
    expect(response.status).toBe(404);
    expect(response.headers.get("server-timing")).toBe(`rid;desc="${requestId}"`);
    await waitFor(() => accessLines().some((line) => line.reqId === requestId));

    const mine = lines.filter((line) => line.reqId === requestId);
    const app = mine.find((line) => line.component === "app")!;
    const access = mine.find((line) => line.component === "http")!;
    expect(app).toMatchObject({ msg: "en la aplicación", role: "COMPRADOR", userId: 3 });
    expect(access).toMatchObject({
      msg: "solicitud",
      method: "GET",
      route: "/api/v1/orders/[code]",
      path: "/api/v1/orders/54460617869",
      status: 404,
      ip: "127.0.0.1",
      role: "COMPRADOR",
      userId: 3,
      apiKeyId: 9,
    });
    expect(access.ms).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(mine)).not.toContain("secreto-en-la-url");
    const after = (await metrics().httpRequests.get()).values.find((v) => v.labels.route === "/api/v1/orders/[code]" && v.labels.status === "404")!.value;
    expect(after).toBe(before + 1);
  });

  it("counts a response the client abandoned as 499", async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/lento`, { signal: controller.signal }).catch(() => null);
    await waitFor(() => lines.some((line) => line.component === "app" && !accessLines().some((access) => access.reqId === line.reqId)));
    controller.abort();
    await pending;
    await waitFor(() => accessLines().some((line) => line.status === CLIENT_CLOSED));
    expect(accessLines().find((line) => line.status === CLIENT_CLOSED)).toMatchObject({ path: "/lento", route: "(sin ruta)", level: "info" });
  });
});
