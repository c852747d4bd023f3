/**
 * The restore drill, on both engines, with the operator's own commands: while the production
 * server takes a stream of lifecycle writes over the API, `npm run db:backup` copies the database
 * mid-stream; `npm run db:restore` restores the copy into a fresh database; then check:integrity
 * passes on it, every write acknowledged before the backup started is in it, history is still
 * append-only there, and a server on the restored database takes new orders (PostgreSQL's
 * sequences came back with the data). The figures (rows, sizes, durations, writes acknowledged
 * while the backup ran) are printed.
 *
 * SCOP_DRILL_ORDERS (default 20,000) bulk orders are added to the demo data first (seed:large),
 * so that the copy takes long enough for writes to land while it runs.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import type { BackupManifest } from "@/lib/backup/manifest";
import { createDatabase } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { checkAcknowledged, checkIntegrity } from "@/lib/orders/integrity";
import { POSTGRES_ADMIN_URL_VARIABLE } from "../support/playwright-setup";
import { startAppServer, type AppServer } from "@/harness/app-server";
import { createPostgresDatabase, loadActors, seedDemoDatabase } from "@/harness/demo-database";
import { LOAD_SERVER_ENV, describeLoad, runLifecycleLoad } from "@/harness/lifecycle-load";
import { sql } from "@/lib/db/sql";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const ORDERS = Number(process.env.SCOP_DRILL_ORDERS ?? 20_000);
const root = path.resolve(import.meta.dirname, "../..");
const ENGINES: Engine[] = ["sqlite", "postgresql"];

/** Runs one of the operator's scripts (scripts/*.ts through tsx), as `npm run` would; resolves with its exit code and output. */
function script(name: string, args: string[]): Promise<{ code: number | null; output: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), [path.join("scripts", name), ...args], { cwd: root, env: process.env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output, ms: performance.now() - started }));
  });
}

async function databaseBytes(url: string): Promise<number> {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    return statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query("SELECT pg_database_size(current_database()) AS bytes")).rows[0].bytes);
  } finally {
    await client.end();
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

for (const engine of ENGINES) {
  test(`${engine}: a backup taken mid-stream restores into a fresh database with every write acknowledged before it, consistent`, async () => {
    test.setTimeout(600_000 + ORDERS * 5);
    const directory = mkdtempSync(path.join(tmpdir(), "scop-drill-"));
    let url: string;
    let restoredUrl: string;
    if (engine === "sqlite") {
      url = `file:${path.join(directory, "portal.db")}`;
      restoredUrl = `file:${path.join(directory, "restaurada.db")}`;
    } else {
      const adminUrl = process.env[POSTGRES_ADMIN_URL_VARIABLE];
      if (!adminUrl) throw new Error(`${POSTGRES_ADMIN_URL_VARIABLE} no está definida: la configuración global de Playwright inicia PostgreSQL.`);
      url = await createPostgresDatabase(adminUrl, "scop_drill");
      // a fresh database: db:restore creates it
      restoredUrl = await createPostgresDatabase(adminUrl, "scop_drill_restored");
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query("DROP DATABASE scop_drill_restored");
      await admin.end();
    }
    const backupFile = path.join(directory, engine === "sqlite" ? "copia.db" : "copia.dump");
    const servers: AppServer[] = [];
    try {
      await seedDemoDatabase(url);
      const seeding = await script("seed-large.ts", ["--orders", String(ORDERS), "--seed", "19", "--append", "--database-url", url]);
      expect(seeding.code, seeding.output).toBe(0);
      const source = createDatabase(url);
      const { keys, agents } = await loadActors(source);
      const server = await startAppServer({ databaseUrl: url, port: PORT, env: LOAD_SERVER_ENV });
      servers.push(server);

      // The stream of writes; the backup starts once it is well under way.
      const stop = new AbortController();
      let acknowledged = 0;
      // when each write was acknowledged: a writer blocked by the backup would show as a long gap
      const ackTimes: number[] = [];
      let backupRequested!: () => void;
      const backupTime = new Promise<void>((resolve) => (backupRequested = resolve));
      let afterBackup: (() => void) | null = null;
      const loadStarted = performance.now();
      const stream = runLifecycleLoad({
        baseUrls: [server.url],
        keys,
        agents,
        journeys: 1_000_000,
        concurrency: 8,
        until: stop.signal,
        seed: 2026,
        timeoutMs: 30_000,
        onSuccess: (count) => {
          acknowledged = count;
          ackTimes.push(performance.now());
          if (count === 60) backupRequested();
          afterBackup?.();
        },
      });

      await backupTime;
      const beforeBackup = acknowledged;
      const secondsBeforeBackup = (performance.now() - loadStarted) / 1000;
      const sourceBytes = await databaseBytes(url);
      const backupStart = performance.now();
      const backup = await script("db-backup.ts", ["--to", backupFile, "--database-url", url]);
      const backupEnd = performance.now();
      const duringBackup = acknowledged - beforeBackup;
      // a few more writes after the backup, which the copy must not need
      await new Promise<void>((resolve) => {
        const target = acknowledged + 20;
        afterBackup = () => acknowledged >= target && resolve();
      });
      stop.abort();
      const load = await stream;
      console.log(`${engine}, carga: ${describeLoad(load)}`);
      expect(backup.code, backup.output).toBe(0);
      expect(load.failed, describeLoad(load)).toBe(0);
      // the portal went on acknowledging writes while the backup ran
      expect(duringBackup).toBeGreaterThan(0);
      const longestGap = (from: number, to: number) => {
        const times = ackTimes.filter((time) => time >= from && time <= to);
        return Math.max(0, ...times.slice(1).map((time, i) => time - times[i]));
      };
      const gapBefore = longestGap(loadStarted, backupStart);
      const gapDuring = longestGap(backupStart, backupEnd);
      const manifest = JSON.parse(readFileSync(`${backupFile}.manifest.json`, "utf8")) as BackupManifest;

      const restore = await script("db-restore.ts", ["--from", backupFile, "--database-url", restoredUrl]);
      expect(restore.code, restore.output).toBe(0);

      const restored = createDatabase(restoredUrl);
      try {
        // check:integrity passes, and every write acknowledged before the backup started is there
        const report = await checkIntegrity(restored);
        expect(report.violations).toEqual([]);
        expect(await checkAcknowledged(restored, load.acknowledged.slice(0, beforeBackup))).toEqual([]);
        // a snapshot, not the live database: the writes after the backup are not in it
        const [sourceOrders, restoredOrders] = await Promise.all([source.prisma.order.count(), restored.prisma.order.count()]);
        expect(restoredOrders).toBeGreaterThanOrEqual(ORDERS + 18);
        expect(restoredOrders).toBeLessThan(sourceOrders);
        // history is still append-only in the restored database
        await expect(restored.sql.run(sql`UPDATE movements SET detail = 'reescrito' WHERE id = 1`)).rejects.toThrow();
        const restoredBytes = await databaseBytes(restoredUrl);

        // A server on the restored database takes new writes (PostgreSQL's sequences were restored too).
        await servers.pop()!.kill();
        const revived = await startAppServer({ databaseUrl: restoredUrl, port: PORT + 1, env: LOAD_SERVER_ENV });
        servers.push(revived);
        const { keys: newKeys } = await loadActors(restored);
        const after = await runLifecycleLoad({ baseUrls: [revived.url], keys: newKeys, agents, journeys: 12, concurrency: 4, seed: 7 });
        expect(after.failed, describeLoad(after)).toBe(0);
        expect(after.succeeded).toBeGreaterThan(12);
        expect((await checkIntegrity(restored)).violations).toEqual([]);

        const { orders, movements, lots } = report.checked;
        console.log(
          [
            `${engine}, simulacro de restauración:`,
            `  base de origen: ${mb(sourceBytes)} (${ORDERS.toLocaleString("es-PE")} órdenes masivas + demo; seed:large ${s(seeding.ms)}), carga de 8 conexiones`,
            `  escrituras confirmadas antes de la copia: ${beforeBackup} (en ${secondsBeforeBackup.toFixed(1)} s); durante la copia: ${duringBackup}; total de la carga: ${load.succeeded}`,
            `  mayor pausa entre dos confirmaciones: ${gapBefore.toFixed(0)} ms antes de la copia, ${gapDuring.toFixed(0)} ms mientras corría db:backup`,
            `  db:backup: ${s(backup.ms)} en total (copia/volcado ${s(manifest.durations.copyMs ?? manifest.durations.dumpMs)}` +
              (engine === "sqlite" ? `, integrity_check ${s(manifest.durations.integrityCheckMs)}, check:integrity ${s(manifest.durations.portalCheckMs)}` : "") +
              `); archivo ${mb(manifest.bytes)}`,
            `  db:restore: ${s(restore.ms)} en total; base restaurada ${mb(restoredBytes)}: ${orders.toLocaleString("es-PE")} órdenes, ${movements.toLocaleString("es-PE")} movimientos, ${lots.toLocaleString("es-PE")} lotes; check:integrity sin inconsistencias`,
            `  después: ${describeLoad(after)}`,
          ].join("\n"),
        );
      } finally {
        await restored.close();
        await source.close();
      }
    } finally {
      await Promise.all(servers.map((server) => server.kill()));
      rmSync(directory, { recursive: true, force: true });
    }
  });
}
