-- migrate:up
-- The HTTP API's per-key rate limit, counted in the database so that every instance enforces one
-- limit (rate-limiter-flexible's RateLimiterPostgres: key, points, expiry in epoch ms). On SQLite,
-- one instance, the count stays in the process's memory and this table is empty: it exists so
-- that both engines have the schema of prisma/schema.prisma.
CREATE TABLE "api_rate_limits" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT
);
CREATE INDEX "api_rate_limits_expire_idx" ON "api_rate_limits"("expire");

-- migrate:down
DROP TABLE "api_rate_limits";
