/**
 * Once per test run: a migrated SQLite template file and a PostgreSQL cluster with a migrated
 * template database. Each test file then gets its own copy of both (tests/support/test-database.ts).
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    postgresTemplateUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, "../..");
let cluster: PostgresCluster | undefined;

export default async function setup(project: TestProject) {
  const tmp = path.join(root, "tests/.tmp");
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });

  const sqliteTemplate = path.join(tmp, "template.db");
  await migrate(`file:${sqliteTemplate}`, root);
  project.provide("sqliteTemplate", sqliteTemplate);

  // An external server may be given (e.g. a CI service); otherwise the tests start their own.
  let adminUrl = process.env.TEST_POSTGRES_ADMIN_URL;
  if (!adminUrl) {
    cluster = await startPostgresCluster({ fsync: false });
    adminUrl = cluster.adminUrl;
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = "/scop_test_template";
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS scop_test_template");
  await admin.end();
  await migrate(templateUrl.toString(), root);
  project.provide("postgresTemplateUrl", templateUrl.toString());

  return () => {
    cluster?.stop();
  };
}
