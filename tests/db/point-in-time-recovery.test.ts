/**
 * Point-in-time recovery on PostgreSQL, as docs/operations.md describes it: WAL archiving on, a
 * base backup (pg_basebackup), orders registered before and after an instant T, the server lost;
 * a new server from the base backup replays the archive up to T. The orders committed before T
 * are there, those after T are not, and the portal's check:integrity passes.
 */
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/database";
import { migrate } from "@/lib/db/migrate";
import { checkIntegrity } from "@/lib/orders/integrity";
import { registerOrder } from "@/lib/orders/register-order";
import { serverDirectory, startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";
import { buildWorld, flowAOrder, testContext } from "../support/world";

const root = path.resolve(import.meta.dirname, "../..");

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe("point-in-time recovery (PostgreSQL, WAL archiving)", () => {
  it("recovers the database as it was at an instant: what was committed before it, nothing after", async () => {
    const archive = serverDirectory("scop-wal-");
    const backupParent = serverDirectory("scop-base-");
    const base = path.join(backupParent, "base");
    const clusters: PostgresCluster[] = [];
    try {
      const primary = await startPostgresCluster({ fsync: false, archiveDir: archive });
      clusters.push(primary);
      await query(primary.adminUrl, "CREATE DATABASE scop_pitr");
      const url = primary.urlFor("scop_pitr");
      await migrate(url, root);
      const db = createDatabase(url);
      const ctx = testContext(db);
      const world = await buildWorld(db);
      const register = async () => (await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "10"))).code;

      const beforeBase = [await register(), await register()];
      primary.baseBackup(base);
      const afterBase = [await register(), await register()];
      const [{ instant }] = await query<{ instant: string }>(url, "SELECT clock_timestamp()::text AS instant");
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const afterInstant = [await register(), await register()];
      // close the segment holding these commits, so that it is archived
      const [{ segment }] = await query<{ segment: string }>(url, "SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment");
      await query(url, "SELECT pg_switch_wal()");
      for (let i = 0; i < 100 && !readdirSync(archive).includes(segment); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(readdirSync(archive)).toContain(segment);
      await db.close();
      primary.stop(); // the server and its data directory are lost

      const recovered = await startPostgresCluster({ recoverFrom: { baseBackup: base, archiveDir: archive, targetTime: instant } });
      clusters.push(recovered);
      const recoveredUrl = recovered.urlFor("scop_pitr");
      for (let i = 0; i < 100; i++) {
        const [{ standby }] = await query<{ standby: boolean }>(recoveredUrl, "SELECT pg_is_in_recovery() AS standby");
        if (!standby) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const restored = createDatabase(recoveredUrl);
      try {
        const codes = async (list: string[]) => (await restored.prisma.order.findMany({ where: { code: { in: list } }, select: { code: true } })).map((o) => o.code).sort();
        expect(await codes(beforeBase)).toEqual([...beforeBase].sort());
        expect(await codes(afterBase)).toEqual([...afterBase].sort());
        expect(await codes(afterInstant)).toEqual([]);
        expect((await checkIntegrity(restored)).violations).toEqual([]);
        // promoted: it takes new orders
        const next = await registerOrder(testContext(restored), world.actors.buyer, flowAOrder(world, "10"));
        expect(next.code).toMatch(/^\d{11}$/);
      } finally {
        await restored.close();
      }
    } finally {
      for (const cluster of clusters) cluster.stop();
      rmSync(archive, { recursive: true, force: true });
      rmSync(backupParent, { recursive: true, force: true });
    }
  }, 180_000);
});
