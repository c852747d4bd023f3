import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and engine packages load from node_modules at run time instead of being bundled; so do
  // the logger and the metrics, whose one instance the front door (server.ts) shares.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "pg-cursor", "dbmate", "nodemailer", "pino", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // The CSV import sends every validated row in one server action (up to 5,000 agents).
    serverActions: { bodySizeLimit: "8mb" },
    // Load a route's code when it is first asked for, not every route's at start: the server
    // then holds only the screens in use (the regulator's exports need the memory).
    preloadEntriesOnStart: false,
  },
};

export default nextConfig;
