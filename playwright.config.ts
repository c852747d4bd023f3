import { existsSync } from "node:fs";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against a production build
 * (`npm run build` first) on a freshly seeded SQLite file.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  throw new Error(`No encontré Chromium en ${CHROMIUM}: instálelo con \`apt-get install -y chromium\` (o defina CHROMIUM_PATH).`);
}

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "es-PE",
    timezoneId: "America/Lima",
    launchOptions: { executablePath: CHROMIUM },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: {
    command: `npm run seed -- --reset && npx next start -H 127.0.0.1 -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/ingresar`,
    env: { DATABASE_URL: "file:./data/e2e.db", NODE_ENV: "production", SCOP_API_RATE_LIMIT_PER_MINUTE: "3000" },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
  },
});
