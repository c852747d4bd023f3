/**
 * Playwright's global setup: the PostgreSQL side of the end-to-end run. Starts a throw-away
 * cluster on loopback (failing the run when PostgreSQL is not installed), seeds the demo data into
 * it and serves the production build on it, on the port the "postgresql" project browses. The
 * SQLite server is Playwright's own webServer; this one cannot be, because Playwright starts its
 * webServers before the global setup that makes the cluster. The scale specs find the cluster
 * through SCOP_E2E_POSTGRES_ADMIN_URL and make their own databases in it.
 */
import type { FullConfig } from "@playwright/test";
import { startAppServer } from "@/harness/app-server";
import { createPostgresDatabase, seedDemoDatabase } from "@/harness/demo-database";
import { startPostgresCluster } from "@/harness/postgres-cluster";
import { eventsEnv } from "./events-env";

export const POSTGRES_ADMIN_URL_VARIABLE = "SCOP_E2E_POSTGRES_ADMIN_URL";

export default async function setup(config: FullConfig) {
  const postgresProject = config.projects.find((project) => project.name === "postgresql");
  const port = Number(new URL(String(postgresProject?.use.baseURL)).port);
  const cluster = await startPostgresCluster();
  try {
    process.env[POSTGRES_ADMIN_URL_VARIABLE] = cluster.adminUrl;
    const url = await createPostgresDatabase(cluster.adminUrl, "scop_e2e");
    await seedDemoDatabase(url);
    // The production default limit (600 a minute): the 429 test then needs 600 requests, not 3,000.
    const server = await startAppServer({
      databaseUrl: url,
      port,
      env: { SCOP_API_RATE_LIMIT_PER_MINUTE: "600", ...eventsEnv(Number(process.env.E2E_PORT ?? 3100)) },
    });
    return async () => {
      await server.kill();
      cluster.stop();
    };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}
