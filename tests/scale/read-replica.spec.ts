/**
 * DATABASE_READ_URL: the regulator's Movimientos reads a PostgreSQL hot-standby replica (streaming
 * replication from a throw-away primary), while order actions and on-site verification stay on
 * the primary. With the replica's replay paused, an order just registered is on the primary (the
 * buyer's API and the regulator's verification see it) and not yet in Movimientos; once replay
 * resumes, Movimientos shows it.
 */
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createDatabase } from "@/lib/db/database";
import { signedIn } from "../e2e/support";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { createPostgresDatabase, loadActors, seedDemoDatabase } from "@/harness/demo-database";
import { LOAD_SERVER_ENV, apiPost } from "@/harness/lifecycle-load";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

async function onReplica(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test("the regulator's Movimientos reads the replica named by DATABASE_READ_URL; actions and verification read the primary", async ({ browser }) => {
  const clusters: PostgresCluster[] = [];
  let server: AppServer | undefined;
  try {
    const primary = await startPostgresCluster({ fsync: false });
    clusters.push(primary);
    const url = await createPostgresDatabase(primary.adminUrl, "scop_primary");
    await seedDemoDatabase(url);
    const db = createDatabase(url);
    const { keys, agents } = await loadActors(db);
    await db.close();
    const replica = await startPostgresCluster({ replicaOf: primary });
    clusters.push(replica);
    const replicaUrl = replica.urlFor("scop_primary");
    expect(await onReplica(replicaUrl, "SELECT pg_is_in_recovery() AS standby")).toEqual([{ standby: true }]);

    server = await startAppServer({ databaseUrl: url, port: PORT, env: { ...LOAD_SERVER_ENV, DATABASE_READ_URL: replicaUrl } });
    await onReplica(replicaUrl, "SELECT pg_wal_replay_pause()");
    const registered = await apiPost(server.url, "/orders", keys.buyers[0], {
      sellerType: "PLANTA_ENVASADORA",
      sellerId: agents.flowASellerId,
      volume: "321.00",
      deliveryDate: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10),
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const code = String(registered.body?.code);

    const regulator = await signedIn(browser, "regulador");
    // On-site verification reads the primary: the order is there at once.
    await regulator.goto(`/verificacion?code=${code}`);
    await expect(regulator.getByRole("table", { name: "Movimientos de la orden" })).toContainText("SOLICITADO");
    // Movimientos reads the paused replica: not there yet.
    await regulator.goto(`/regulador/movimientos?code=${code}`);
    await expect(regulator.getByText("No hay órdenes de pedido con esos filtros.")).toBeVisible();

    await onReplica(replicaUrl, "SELECT pg_wal_replay_resume()");
    await expect
      .poll(async () => (await onReplica(replicaUrl, `SELECT count(*)::int AS n FROM orders WHERE code = '${code}'`))[0], { timeout: 15_000 })
      .toEqual({ n: 1 });
    await regulator.goto(`/regulador/movimientos?code=${code}`);
    await expect(regulator.getByRole("table", { name: "Órdenes de pedido" }).locator("tbody tr").filter({ hasText: code })).toHaveCount(1);
    await regulator.context().close();
  } finally {
    await server?.kill();
    for (const cluster of clusters.reverse()) cluster.stop();
  }
});
