/**
 * A fresh, migrated database for one test file, on either engine: a copy of the SQLite template
 * file, or a PostgreSQL database created from the template database.
 */
import { copyFileSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, type Database } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";

export const ENGINES: Engine[] = ["sqlite", "postgresql"];

export interface TestDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const name = `t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  if (engine === "sqlite") {
    const file = inject("sqliteTemplate").replace(/template\.db$/, `${name}.db`);
    copyFileSync(inject("sqliteTemplate"), file);
    const url = `file:${file}`;
    const db = createDatabase(url);
    return {
      db,
      url,
      async drop() {
        await db.close();
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
      },
    };
  }
  const templateUrl = new URL(inject("postgresTemplateUrl"));
  const adminUrl = new URL(templateUrl);
  adminUrl.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateUrl.pathname.slice(1)}`);
  await admin.end();
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  const db = createDatabase(url.toString(), { poolSize: 20 });
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const client = new pg.Client({ connectionString: adminUrl.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
