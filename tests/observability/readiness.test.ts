/**
 * Readiness on both engines: ready when the database answers and has this build's migrations;
 * not ready when it does not answer, when it lacks a migration, or while the server shuts down.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/database";
import { checkReadiness, latestMigration, readinessBody, startDraining } from "@/lib/observability/readiness";
import { freePort } from "@/harness/postgres-cluster";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";

describe.each(ENGINES)("readiness on %s", (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
  });
  afterAll(() => test.drop());

  it("is ready on a migrated database, which has this build's newest migration", async () => {
    const readiness = await checkReadiness(test.db);
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.migrations.detail).toBe(latestMigration(engine));
    expect(latestMigration(engine)).toMatch(/^\d{14}$/);
    expect(readinessBody(readiness)).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok", shutdown: "ok" } });
  });

  it("is not ready when the database lacks a migration of this build (npm run db:migrate first)", async () => {
    const readiness = await checkReadiness(test.db, { expectedMigration: "99991231235959" });
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database.ok).toBe(true);
    expect(readiness.checks.migrations.detail).toContain("npm run db:migrate");
  });

  it("is not ready when the database does not answer", async () => {
    let url: string;
    let directory: string | undefined;
    if (engine === "postgresql") {
      url = `postgresql://scop@127.0.0.1:${await freePort()}/nada`;
    } else {
      directory = mkdtempSync(path.join(tmpdir(), "scop-ready-"));
      url = `file:${path.join(directory, "no-existe", "scop.db")}`;
    }
    const db = createDatabase(url);
    try {
      const readiness = await checkReadiness(db, { timeoutMs: 2_000 });
      expect(readiness.ready).toBe(false);
      expect(readiness.checks.database.ok).toBe(false);
      expect(readinessBody(readiness).checks).toEqual({ database: "failed", migrations: "failed", shutdown: "ok" });
    } finally {
      await db.close().catch(() => undefined);
      if (directory) rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe("readiness while shutting down", () => {
  it("is not ready once the server starts draining, though the database answers", async () => {
    const test = await createTestDatabase("sqlite");
    try {
      expect((await checkReadiness(test.db)).ready).toBe(true);
      startDraining();
      const readiness = await checkReadiness(test.db);
      expect(readiness.ready).toBe(false);
      expect(readiness.checks.database.ok).toBe(true);
      expect(readinessBody(readiness).checks.shutdown).toBe("draining");
    } finally {
      await test.drop();
    }
  });
});
