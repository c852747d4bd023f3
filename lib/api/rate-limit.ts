/**
 * Per-key rate limit of the HTTP API: SCOP_API_RATE_LIMIT_PER_MINUTE requests (default 600) per
 * 60 s window, whichever instance serves them.
 * - PostgreSQL (several instances): counted in the database, in `api_rate_limits`, by
 *   rate-limiter-flexible's RateLimiterPostgres on the app's own pool — one upsert per request,
 *   into an UNLOGGED table (no WAL flush to wait for: a count need not survive a crash).
 *   A key over its limit is then also blocked in this process's memory until its window ends,
 *   so a client hammering a refused key costs no more queries. Should the count fail (the
 *   database unreachable), each process falls back to counting in memory.
 * - SQLite (one instance): counted in the process's memory.
 */
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { Database } from "@/lib/db/database";

const WINDOW_SECONDS = 60;
const KEY_PREFIX = "api_key";

export function apiRateLimitPerMinute(): number {
  const points = Number(process.env.SCOP_API_RATE_LIMIT_PER_MINUTE ?? 600);
  if (!Number.isInteger(points) || points < 1) throw new Error("SCOP_API_RATE_LIMIT_PER_MINUTE debe ser un número entero positivo.");
  return points;
}

/** The limiter for this database's engine (see above). */
export function createApiRateLimiter(db: Pick<Database, "pgPool">, points = apiRateLimitPerMinute()): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix: KEY_PREFIX, points, duration: WINDOW_SECONDS });
  if (!db.pgPool) return memory;
  return new RateLimiterPostgres({
    storeClient: db.pgPool,
    storeType: "pool",
    tableName: "api_rate_limits",
    // created by the migrations (20261206150000_api_rate_limits.sql), never by the app
    tableCreated: true,
    keyPrefix: KEY_PREFIX,
    points,
    duration: WINDOW_SECONDS,
    inMemoryBlockOnConsumed: points + 1,
    insuranceLimiter: memory,
  }) as unknown as RateLimiterAbstract;
}

const globalForLimits = globalThis as unknown as { scopApiLimiter?: RateLimiterAbstract };

/** null when the call may proceed; otherwise the seconds to wait. */
export async function consumeRateLimit(db: Pick<Database, "pgPool">, apiKeyId: number): Promise<number | null> {
  globalForLimits.scopApiLimiter ??= createApiRateLimiter(db);
  return consume(globalForLimits.scopApiLimiter, apiKeyId);
}

export async function consume(limiter: RateLimiterAbstract, apiKeyId: number): Promise<number | null> {
  try {
    await limiter.consume(String(apiKeyId));
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
