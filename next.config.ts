import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and engine packages load from node_modules at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "pg", "dbmate"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
