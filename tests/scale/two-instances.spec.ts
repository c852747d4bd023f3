/**
 * Scale-out on PostgreSQL: two `next start` instances on one database take a concurrent lifecycle
 * load at once, including races where one instance sells an order while the other annuls it.
 * Afterwards the database must be exactly what the acknowledged answers say, and consistent.
 */
import { expect, test } from "@playwright/test";
import { createDatabase } from "@/lib/db/database";
import { checkAcknowledged, checkIntegrity } from "@/lib/orders/integrity";
import { POSTGRES_ADMIN_URL_VARIABLE } from "../support/playwright-setup";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { createPostgresDatabase, loadActors, seedDemoDatabase } from "@/harness/demo-database";
import { LOAD_SERVER_ENV, describeLoad, runLifecycleLoad } from "@/harness/lifecycle-load";

const PORT = Number(process.env.E2E_PORT ?? 3100);

test("two instances on one PostgreSQL: every acknowledged request is recorded, capacity never over-committed, codes unique, movements replay", async () => {
  const adminUrl = process.env[POSTGRES_ADMIN_URL_VARIABLE];
  if (!adminUrl) throw new Error(`${POSTGRES_ADMIN_URL_VARIABLE} no está definida: la configuración global de Playwright inicia PostgreSQL.`);
  const url = await createPostgresDatabase(adminUrl, "scop_two_instances");
  await seedDemoDatabase(url);
  const db = createDatabase(url);
  const servers: AppServer[] = [];
  try {
    const { keys, agents } = await loadActors(db);
    const start = (port: number) => startAppServer({ databaseUrl: url, port, env: LOAD_SERVER_ENV });
    servers.push(...(await Promise.all([start(PORT + 2), start(PORT + 3)])));

    const result = await runLifecycleLoad({ baseUrls: servers.map((server) => server.url), keys, agents, journeys: 110, concurrency: 16, seed: 20261126 });
    console.log(`dos instancias: ${describeLoad(result)}`);

    // The load did what it meant to: hundreds of requests, all answered, most of them successes,
    // capacity exhausted at times, and each sale-versus-annulment race won by exactly one side.
    expect(result.failed, describeLoad(result)).toBe(0);
    expect(result.requests).toBeGreaterThanOrEqual(250);
    expect(result.succeeded).toBeGreaterThan(result.requests / 2);
    expect(result.refused["422 CAPACIDAD_INSUFICIENTE"] ?? 0, "la carga llega a agotar la capacidad de compra").toBeGreaterThan(0);
    const conflicts = Object.entries(result.refused).filter(([reason]) => reason.startsWith("409 "));
    expect(conflicts.reduce((sum, [, count]) => sum + count, 0), "las carreras venta/anulación tienen un perdedor (409)").toBeGreaterThan(0);
    expect(result.doubleWins).toBe(0);
    expect(result.elapsedMs).toBeLessThan(60_000);

    const missing = await checkAcknowledged(db, result.acknowledged);
    expect(missing).toEqual([]);
    const report = await checkIntegrity(db);
    expect(report.violations).toEqual([]);
    // Every successful registration is one order with its own code.
    const registered = result.acknowledged.filter((ack) => ack.event === "SOLICITADO").map((ack) => ack.code);
    expect(new Set(registered).size).toBe(registered.length);
    expect(await db.prisma.order.count({ where: { code: { in: registered } } })).toBe(registered.length);
  } finally {
    await Promise.all(servers.map((server) => server.kill()));
    await db.close();
  }
});
