/**
 * What an operator gets from the production server (server.ts): a JSON log line for every
 * request with its id, route, status, duration, address and role, the app's own lines under the
 * same id, never a secret; Prometheus metrics behind a token; readiness apart from liveness; and,
 * when the database goes away, error pages that show the request id the log has.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createDatabase } from "@/lib/db/database";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, signedIn, totpCode } from "../e2e/support";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { createPostgresDatabase, loadActors, seedDemoDatabase } from "@/harness/demo-database";
import { LOAD_SERVER_ENV } from "@/harness/lifecycle-load";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const TOKEN = "metricas-de-prueba-0123456789abcdef";
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

type Line = Record<string, unknown>;
const parse = (server: AppServer): Line[] =>
  server.output().map((line) => {
    try {
      return JSON.parse(line) as Line;
    } catch {
      return { unparsed: line };
    }
  });

async function until<T>(read: () => T | Promise<T>, ok: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`no llegó a tiempo: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("logs, metrics and readiness of a production server on SQLite", async ({ browser }) => {
  const directory = mkdtempSync(path.join(tmpdir(), "scop-obs-"));
  const url = `file:${path.join(directory, "portal.db")}`;
  let server: AppServer | undefined;
  try {
    await seedDemoDatabase(url);
    const db = createDatabase(url);
    const { keys, agents } = await loadActors(db);
    await db.close();
    server = await startAppServer({ databaseUrl: url, port: PORT, env: { ...LOAD_SERVER_ENV, LOG_LEVEL: "info", SCOP_METRICS_TOKEN: TOKEN }, logs: "keep" });

    // An order registered over the API, and the regulator's screen in the browser (password and second factor).
    const response = await fetch(`${server.url}/api/v1/orders`, {
      method: "POST",
      headers: { authorization: `Bearer ${keys.buyers[0]}`, "content-type": "application/json", "idempotency-key": "obs-0001" },
      body: JSON.stringify({ sellerType: "PLANTA_ENVASADORA", sellerId: agents.flowASellerId, volume: "150.00", deliveryDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10) }),
    });
    expect(response.status).toBe(201);
    const apiRequestId = response.headers.get("x-request-id")!;
    const { code } = (await response.json()) as { code: string };
    const regulator = await signedIn(browser, "regulador");
    const page = await regulator.goto("/regulador/movimientos");
    const pageRequestId = page!.headers()["x-request-id"];
    expect(pageRequestId).toMatch(/^[0-9a-f]{16}$/);
    const cookies = await regulator.context().cookies();
    const session = cookies.find((cookie) => cookie.name.includes("session-token"))!;
    expect(session).toBeDefined();

    // Liveness and readiness.
    expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", shutdown: "ok" } });

    // Metrics: only with the token.
    expect((await fetch(`${server.url}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/metrics`, { headers: { authorization: "Bearer otro-token-0123456789abcdef" } })).status).toBe(401);
    const scrape = await fetch(`${server.url}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get("content-type")).toContain("text/plain");
    const metrics = await scrape.text();
    // (counted when each response ends; menu links prefetch their pages too: at least, not exactly)
    const sample = (series: string) => Number(new RegExp(`^${series.replace(/[{}()[\]."/+]/g, "\\$&")} (\\S+)$`, "m").exec(metrics)?.[1] ?? NaN);
    expect(sample('scop_http_requests_total{method="POST",route="/api/v1/orders",status="201"}')).toBe(1);
    expect(sample('scop_http_requests_total{method="GET",route="/regulador/movimientos",status="200"}')).toBeGreaterThanOrEqual(1);
    expect(sample('scop_http_requests_total{method="GET",route="/api/metrics",status="401"}')).toBeGreaterThanOrEqual(1);
    expect(sample('scop_order_transitions_total{action="REGISTRAR",result="ok"}')).toBe(1);
    expect(metrics).toMatch(/scop_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/v1\/orders"\} \d/);
    expect(metrics).toMatch(/scop_sqlite_lock_wait_seconds_count [1-9]\d*/);
    expect(metrics).toContain('scop_sqlite_lock_callers{state="waiting"} 0');
    expect(metrics).toContain('scop_exports_total{format="csv",outcome="completed"} 0');
    expect(metrics).toMatch(/process_resident_memory_bytes \d+/);
    expect(metrics).toMatch(/nodejs_eventloop_lag_p99_seconds [\d.e-]+/);

    const lines = parse(server);
    // Every line is JSON, with a level and an ISO time.
    expect(lines.filter((line) => "unparsed" in line && !/Running next\.config/.test(String(line.unparsed)))).toEqual([]);
    for (const line of lines.filter((line) => !("unparsed" in line))) {
      expect(typeof line.level).toBe("string");
      expect(new Date(String(line.time)).toISOString()).toBe(line.time);
    }
    // The API request: its access line and the order's line under one id, with who acted.
    const api = lines.filter((line) => line.reqId === apiRequestId);
    expect(api.find((line) => line.component === "http")).toMatchObject({
      method: "POST",
      route: "/api/v1/orders",
      status: 201,
      role: "COMPRADOR",
      ip: "127.0.0.1",
    });
    expect(api.find((line) => line.component === "orders")).toMatchObject({ action: "REGISTRAR", result: "ok", order: code, role: "COMPRADOR" });
    // The page: its access line carries the signed-in regulator.
    expect(lines.find((line) => line.reqId === pageRequestId && line.component === "http")).toMatchObject({
      method: "GET",
      route: "/regulador/movimientos",
      status: 200,
      role: "REGULADOR",
    });
    expect(lines.filter((line) => line.component === "auth" && line.msg === "ingreso")).toHaveLength(1);
    // Every access line has the fields an operator filters on.
    for (const line of lines.filter((line) => line.component === "http")) {
      for (const field of ["reqId", "method", "route", "path", "status", "ms", "ip"]) expect(line, `${field} en ${JSON.stringify(line)}`).toHaveProperty(field);
    }
    // Never a secret: the password, the API key, the session cookie, the second factor, the metrics token.
    const text = server.output().join("\n");
    for (const secret of [DEMO_PASSWORD, keys.buyers[0], keys.buyers[0].slice(-32), session.value, DEMO_TOTP_SECRET, await totpCode(), TOKEN]) {
      expect(text.includes(secret), `secreto en el log: ${secret.slice(0, 6)}…`).toBe(false);
    }
    await regulator.context().close();
  } finally {
    await server?.kill();
    rmSync(directory, { recursive: true, force: true });
  }
});

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}-escritorio.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `screenshots/${name}-movil.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("with the database down: not ready (yet alive), and the error page shows the request id the log has", async ({ browser }) => {
  let cluster: PostgresCluster | undefined;
  let server: AppServer | undefined;
  try {
    cluster = await startPostgresCluster({ fsync: false });
    const url = await createPostgresDatabase(cluster.adminUrl, "scop_outage");
    await seedDemoDatabase(url);
    server = await startAppServer({ databaseUrl: url, port: PORT, env: { ...LOAD_SERVER_ENV, LOG_LEVEL: "info" }, logs: "keep" });
    const buyer = await signedIn(browser, "comprador");
    await buyer.setViewportSize({ width: 1280, height: 800 });
    await buyer.goto("/ordenes");
    await expect(buyer.getByRole("heading", { level: 1 })).toBeVisible();

    cluster.crash();
    // Alive, but out of the balancer's rotation.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const notReady = await fetch(`${server.url}/api/ready`);
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: unknown }).checks).toMatchObject({ database: "failed" });

    // A client-side navigation (an RSC request) fails: the portal's error page names that request.
    await buyer.getByRole("link", { name: "Cierre de Orden de Pedido" }).first().click();
    await expect(buyer.getByRole("heading", { name: "Ocurrió un error" })).toBeVisible({ timeout: 30_000 });
    const reference = buyer.getByTestId("codigo-referencia");
    await expect(reference).toHaveText(/^[0-9a-f]{16}$/);
    const navigationId = (await reference.textContent())!;
    await shot(buyer, "error-navegacion");
    const logged = await until(
      () => parse(server!).filter((line) => line.reqId === navigationId),
      (found) => found.some((line) => line.component === "http") && found.some((line) => line.level === "error"),
      `líneas del log con ${navigationId}`,
    );
    // (the page failed after its 200 was sent: the access line says so, with the error's digest)
    const failed = logged.find((line) => line.level === "error")!;
    expect(failed).toMatchObject({ component: "next", route: "/compras/cierre", routeType: "render", msg: "error al atender la solicitud" });
    expect(logged.find((line) => line.component === "http")).toMatchObject({ path: "/compras/cierre", route: "/compras/cierre", level: "warn", error: failed.digest });

    // A full page load fails: the root error page names the document's own request.
    const document = await buyer.goto("/ordenes");
    const documentId = document!.headers()["x-request-id"];
    await expect(buyer.getByRole("heading", { name: "Ocurrió un error" })).toBeVisible({ timeout: 30_000 });
    await expect(reference).toHaveText(documentId);
    expect(documentId).not.toBe(navigationId);
    await shot(buyer, "error-pagina");
    await until(
      () => parse(server!).filter((line) => line.reqId === documentId),
      (found) => found.some((line) => line.level === "error"),
      `el error de ${documentId} en el log`,
    );

    // The database comes back: ready again, and "Intentar nuevamente" shows the page.
    cluster.start();
    await until(async () => (await fetch(`${server!.url}/api/ready`)).status, (status) => status === 200, "listo otra vez", 30_000);
    await buyer.getByRole("button", { name: "Intentar nuevamente" }).click();
    await expect(buyer.getByRole("heading", { name: "Ocurrió un error" })).toBeHidden({ timeout: 30_000 });
    await buyer.context().close();
  } finally {
    await server?.kill();
    cluster?.stop();
  }
});
