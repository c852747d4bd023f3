import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";
import { limaDay } from "./lib/time";
import { eventsEnv } from "./tests/support/events-env";

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against a production build
 * (`npm run build` first), on both engines:
 * - "sqlite": every spec, on a freshly seeded SQLite file served by Playwright's webServer (E2E_PORT);
 * - "postgresql": the journeys, the HTTP API, the cross-tenant isolation and the regulator's
 *   specs, the public verification (its sequencer reads PostgreSQL's transaction ids) and the trucks and legacy codes spec again, on a throw-away PostgreSQL cluster seeded and served by the global setup
 *   (E2E_PORT + 1). These are the specs whose work reaches the database in every way the engines
 *   differ (transactions, conflicts, capacity, idempotency, keyset pages, another agent's rows,
 *   the exports' cursor read in the worker thread's own bundle); the others (screens,
 *   role menus, administration) repeat the same queries, so CI keeps its time for them on SQLite.
 *   E2E_POSTGRES_ALL=1 runs every spec on PostgreSQL too (all pass; ~4 more minutes);
 * - "scale": two instances on one PostgreSQL under concurrent load, and SIGKILL mid-stream on
 *   both engines (tests/scale; they start their own servers on E2E_PORT + 2 … + 4);
 * - notifications.spec.ts starts a test SMTP server on E2E_PORT + 5.
 */
// The demo mode (lib/config.ts): the seed, the servers this run starts (and their children) use the
// public development secrets. A production start without it refuses them (tests/e2e/production-start.spec.ts).
process.env.SCOP_DEMO = "1";

// The Lima day the demo seeds count their "days ago" from, pinned when the run starts (the workers
// inherit it): a run that crosses Lima's midnight still finds the data on the days its specs expect.
process.env.SCOP_DEMO_DAY ??= limaDay(new Date());

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  throw new Error(`No encontré Chromium en ${CHROMIUM}: instálelo con \`apt-get install -y chromium\` (o defina CHROMIUM_PATH).`);
}

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The portal's log lines from warnings up, in this process (which seeds databases through the
// services, which log each order) and in the servers it starts (Playwright prints their output);
// the specs that read the logs set their own level.
process.env.LOG_LEVEL ??= "warn";
const url = (port: number) => `http://127.0.0.1:${port}`;

export default defineConfig({
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalSetup: "./tests/support/playwright-setup.ts",
  use: {
    locale: "es-PE",
    timezoneId: "America/Lima",
    launchOptions: { executablePath: CHROMIUM },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    browserName: "chromium",
  },
  projects: [
    { name: "sqlite", testDir: "tests/e2e", use: { baseURL: url(PORT) } },
    {
      name: "postgresql",
      testDir: "tests/e2e",
      testMatch: process.env.E2E_POSTGRES_ALL === "1" ? "*.spec.ts" : ["flows.spec.ts", "receipt.spec.ts", "api.spec.ts", "isolation.spec.ts", "regulator.spec.ts", "public-verification.spec.ts", "trucks.spec.ts"],
      // the per-role menu checks read nothing engine-specific
      grepInvert: process.env.E2E_POSTGRES_ALL === "1" ? undefined : /on the other roles' pages/,
      use: { baseURL: url(PORT + 1) },
    },
    { name: "scale", testDir: "tests/scale", timeout: 180_000 },
  ],
  webServer: {
    command: `npm run seed -- --reset && node .next/scop-server.mjs -H 127.0.0.1 -p ${PORT}`,
    url: `${url(PORT)}/ingresar`,
    // The production default limit (600 a minute), as on PostgreSQL: the 429 test then needs 600
    // requests, not 3,000 (which took over a minute on a busy 2-core machine).
    env: { DATABASE_URL: "file:./data/e2e.db", NODE_ENV: "production", SCOP_DEMO: "1", SCOP_DEMO_DAY: process.env.SCOP_DEMO_DAY, SCOP_API_RATE_LIMIT_PER_MINUTE: "600", ...eventsEnv(PORT) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
  },
});
