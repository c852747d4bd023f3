import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    // Each file migrates its own SQLite file (and PostgreSQL database): files run in parallel.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // the demo mode (the public development secrets, lib/config.ts); the portal's log lines from
    // warnings up (tests of the logger give it their own destination)
    env: { NODE_ENV: "test", SCOP_DEMO: "1", LOG_LEVEL: "warn" },
  },
});
