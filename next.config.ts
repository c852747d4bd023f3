import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and engine packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "pg-cursor", "dbmate"],
  poweredByHeader: false,
  typedRoutes: false,
  // The CSV import sends every validated row in one server action (up to 5,000 agents).
  experimental: { serverActions: { bodySizeLimit: "8mb" } },
};

export default nextConfig;
