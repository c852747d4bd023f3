-- migrate:up
-- The HTTP API's per-key rate limit, counted here so that every instance enforces one limit
-- (rate-limiter-flexible's RateLimiterPostgres upserts key, points and the window's end in epoch
-- ms; the column order is the one its INSERT expects). Expired rows are deleted every 5 minutes.
-- UNLOGGED: a count is worth nothing after a crash (the table is then emptied) and is not needed
-- on a replica, so the upsert every API request makes writes no WAL and waits for no WAL flush.
CREATE UNLOGGED TABLE "api_rate_limits" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "api_rate_limits_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "api_rate_limits_expire_idx" ON "api_rate_limits"("expire");

-- migrate:down
DROP TABLE "api_rate_limits";
