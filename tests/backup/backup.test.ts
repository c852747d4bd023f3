/**
 * The pieces of db:backup and db:restore on real databases: SQLite's online copy while the same
 * file takes writes (one instant: every commit made before is in it), the in-use probe, the
 * placement that keeps the old file and drops its WAL; pg_dump and pg_restore into a fresh
 * database, which refuses one that already has tables; no password on a command line.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionOf, dumpPostgres, prepareEmptyDatabase, restorePostgres } from "@/lib/backup/postgresql";
import { copySqliteOnline, placeSqliteFile, sqliteFileCheck, sqliteInUse } from "@/lib/backup/sqlite";
import { createDatabase } from "@/lib/db/database";
import { sqlitePath } from "@/lib/db/engine";
import { sql } from "@/lib/db/sql";
import { checkIntegrity } from "@/lib/orders/integrity";
import { registerOrder } from "@/lib/orders/register-order";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, flowAOrder, testContext } from "../support/world";

let directory: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), "scop-backup-"));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe("SQLite backups", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
  });
  afterAll(() => test.drop());

  it("copies the database while it takes writes: every order committed before the copy is in it, and the copy passes every check", async () => {
    const ctx = testContext(test.db);
    const world = await buildWorld(test.db);
    const before: string[] = [];
    for (let i = 0; i < 20; i++) before.push((await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "10"))).code);
    // writes keep coming while the copy runs
    let writing = true;
    const writer = (async () => {
      let n = 0;
      while (writing) {
        await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "1"));
        n++;
      }
      return n;
    })();
    const target = path.join(directory, "copia.db");
    const copy = await copySqliteOnline(sqlitePath(test.url), target);
    writing = false;
    const during = await writer;
    expect(during).toBeGreaterThan(0);
    expect(copy.pages).toBeGreaterThan(0);
    expect(copy.bytes).toBe(copy.pages * copy.pageSize);

    expect(sqliteFileCheck(target)).toEqual({ ok: true, problems: [] });
    const copied = createDatabase(`file:${target}`);
    try {
      expect((await checkIntegrity(copied)).violations).toEqual([]);
      expect(await copied.prisma.order.count({ where: { code: { in: before } } })).toBe(before.length);
    } finally {
      await copied.close();
    }
    await expect(copySqliteOnline(sqlitePath(test.url), target)).rejects.toThrow(/ya existe/);
  });

  it("knows when another process has the database file open (a running portal)", async () => {
    const file = path.join(directory, "en-uso.db");
    const setup = new Sqlite(file);
    setup.pragma("journal_mode = WAL");
    setup.exec("CREATE TABLE t (x)");
    setup.close();
    expect(sqliteInUse(file)).toBe(false);
    // another process opens it, reads, and stays idle until told to go
    const holder = spawn(process.execPath, ["-e", `const db = new (require("better-sqlite3"))(${JSON.stringify(file)}); db.prepare("SELECT count(*) FROM t").get(); console.log("abierta"); process.stdin.on("end", () => db.close()); process.stdin.resume();`], {
      cwd: process.cwd(),
      stdio: ["pipe", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
    try {
      expect(sqliteInUse(file)).toBe(true);
    } finally {
      holder.stdin!.end();
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    expect(sqliteInUse(file)).toBe(false);
    expect(sqliteInUse(path.join(directory, "no-existe.db"))).toBe(false);
  });

  it("finds a damaged file", () => {
    const file = path.join(directory, "dañada.db");
    const connection = new Sqlite(file);
    connection.exec("CREATE TABLE t (x INTEGER PRIMARY KEY, y TEXT); CREATE INDEX t_y ON t (y);");
    const insert = connection.prepare("INSERT INTO t (y) VALUES (?)");
    connection.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`valor ${i}`);
    })();
    connection.close();
    // a copy cut short: the last pages are missing
    truncateSync(file, Math.floor(statSync(file).size / 2));
    const check = sqliteFileCheck(file);
    expect(check.ok).toBe(false);
    expect(check.problems.length).toBeGreaterThan(0);
  });

  it("puts a restored file in place, keeping the old one and dropping its WAL and shared memory", () => {
    const target = path.join(directory, "portal.db");
    const old = new Sqlite(target);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE marca (quien TEXT); INSERT INTO marca VALUES ('antigua')");
    old.close();
    writeFileSync(`${target}-wal`, "basura que SQLite no debe aplicar");
    writeFileSync(`${target}-shm`, "");
    const restored = path.join(directory, "restaurada.db");
    const fresh = new Sqlite(restored);
    fresh.exec("CREATE TABLE marca (quien TEXT); INSERT INTO marca VALUES ('restaurada')");
    fresh.close();

    const { previous } = placeSqliteFile(restored, target, new Date("2026-12-06T10:00:00Z"));
    expect(previous).toBe(`${target}.antes-de-restaurar-2026-12-06T10-00-00-000Z`);
    expect(existsSync(`${target}-wal`)).toBe(false);
    expect(existsSync(restored)).toBe(false);
    const read = (file: string) => {
      const connection = new Sqlite(file, { readonly: true });
      try {
        return (connection.prepare("SELECT quien FROM marca").get() as { quien: string }).quien;
      } finally {
        connection.close();
      }
    };
    expect(read(target)).toBe("restaurada");
    expect(read(previous!)).toBe("antigua");
  });
});

describe("PostgreSQL backups", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("postgresql");
  });
  afterAll(() => test.drop());

  it("keeps the password off the command line", () => {
    const { url, env } = connectionOf("postgresql://scop:s3cr%40to@db.internal:5432/scop?sslmode=require");
    expect(url).toBe("postgresql://scop@db.internal:5432/scop?sslmode=require");
    expect(env.PGPASSWORD).toBe("s3cr@to");
  });

  it("dumps and restores into a fresh database, consistent, with its triggers; never over a database that has tables", async () => {
    const ctx = testContext(test.db);
    const world = await buildWorld(test.db);
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "250"));
    const file = path.join(directory, "copia.dump");
    const dump = await dumpPostgres(test.url, file);
    expect(dump.entries).toBeGreaterThan(20);
    expect(dump.bytes).toBeGreaterThan(0);

    const target = new URL(test.url);
    target.pathname = `/${target.pathname.slice(1)}_restaurada`;
    expect(await prepareEmptyDatabase(target.toString())).toBe("created");
    await restorePostgres(file, target.toString());
    const restored = createDatabase(target.toString());
    try {
      expect((await checkIntegrity(restored)).violations).toEqual([]);
      expect(await restored.prisma.order.count({ where: { code } })).toBe(1);
      await expect(restored.sql.run(sql`DELETE FROM movements`)).rejects.toThrow();
      await expect(prepareEmptyDatabase(target.toString())).rejects.toThrow(/ya tiene tablas/);
    } finally {
      await restored.close();
      const admin = new URL(test.url);
      admin.pathname = "/postgres";
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${target.pathname.slice(1)}" WITH (FORCE)`);
      await client.end();
    }
  });
});
