/**
 * Crash safety on both engines: while a stream of lifecycle writes is in flight, the server is
 * killed with SIGKILL (on PostgreSQL the database server is crashed at the same moment, immediate
 * shutdown, so it recovers from its WAL). After a restart every acknowledged write is there, no
 * order lacks its movement, no lot is half closed, committed capacity matches the open orders,
 * and the server goes on serving.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { createDatabase } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { checkAcknowledged, checkIntegrity } from "@/lib/orders/integrity";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { createPostgresDatabase, loadActors, seedDemoDatabase } from "@/harness/demo-database";
import { LOAD_SERVER_ENV, describeLoad, runLifecycleLoad, type LoadOptions } from "@/harness/lifecycle-load";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 4;
const ENGINES: Engine[] = ["sqlite", "postgresql"];

for (const engine of ENGINES) {
  test(`${engine}: SIGKILL in the middle of a stream of writes loses nothing acknowledged and leaves the database consistent`, async () => {
    // PostgreSQL: a cluster of its own (this test crashes it), with fsync on as in production.
    let cluster: PostgresCluster | undefined;
    let directory: string | undefined;
    let url: string;
    if (engine === "postgresql") {
      cluster = await startPostgresCluster({ fsync: true });
      url = await createPostgresDatabase(cluster.adminUrl, "scop_crash");
    } else {
      directory = mkdtempSync(path.join(tmpdir(), "scop-crash-"));
      url = `file:${path.join(directory, "crash.db")}`;
    }
    let server: AppServer | undefined;
    try {
      await seedDemoDatabase(url);
      const setup = createDatabase(url);
      const { keys, agents } = await loadActors(setup);
      await setup.close();

      server = await startAppServer({ databaseUrl: url, port: PORT, env: LOAD_SERVER_ENV });
      const load: Omit<LoadOptions, "journeys"> = { baseUrls: [server.url], keys, agents, concurrency: 8, timeoutMs: 15_000 };
      const stop = new AbortController();
      let crashed!: () => void;
      const crash = new Promise<void>((resolve) => (crashed = resolve));
      const stream = runLifecycleLoad({ ...load, journeys: 100_000, until: stop.signal, seed: 11, onSuccess: (count) => count >= 60 && crashed() });

      await crash;
      const killed = server;
      await Promise.all([killed.kill("SIGKILL"), Promise.resolve().then(() => cluster?.crash())]);
      stop.abort();
      const first = await stream;
      console.log(`${engine}, antes del SIGKILL: ${describeLoad(first)}`);
      // The kill cut requests off mid-flight (they got no answer), after many were acknowledged.
      expect(first.failed, "solicitudes en curso al matar el servidor").toBeGreaterThan(0);
      expect(first.succeeded).toBeGreaterThanOrEqual(60);

      cluster?.start();
      server = await startAppServer({ databaseUrl: url, port: PORT, env: LOAD_SERVER_ENV });
      const db = createDatabase(url);
      try {
        expect(await checkAcknowledged(db, first.acknowledged)).toEqual([]);
        expect((await checkIntegrity(db)).violations).toEqual([]);

        // And it goes on serving: a short load after the restart, all answered.
        const second = await runLifecycleLoad({ ...load, journeys: 20, seed: 12 });
        console.log(`${engine}, después de reiniciar: ${describeLoad(second)}`);
        expect(second.failed).toBe(0);
        expect(second.succeeded).toBeGreaterThan(20);
        expect(await checkAcknowledged(db, [...first.acknowledged, ...second.acknowledged])).toEqual([]);
        expect((await checkIntegrity(db)).violations).toEqual([]);
      } finally {
        await db.close();
      }
    } finally {
      await server?.kill();
      cluster?.stop();
      if (directory) rmSync(directory, { recursive: true, force: true });
    }
  });
}
