/**
 * Rate limits counted once for every instance: the API's per key (SCOP_API_RATE_LIMIT_PER_MINUTE
 * requests, default 600, per 60 s window) and the public verification's per address
 * (lib/verification/public-limits.ts).
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

/** A positive whole number from the environment, or the default; anything else is refused. */
export function limitFromEnvironment(name: string, fallback: number): number {
  const points = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(points) || points < 1) throw new Error(`${name} debe ser un número entero positivo.`);
  return points;
}

export function apiRateLimitPerMinute(): number {
  return limitFromEnvironment("SCOP_API_RATE_LIMIT_PER_MINUTE", 600);
}

/** `points` per `duration` seconds for each key under `keyPrefix`, on this database's engine (see above). */
export function sharedRateLimiter(db: Pick<Database, "pgPool">, options: { keyPrefix: string; points: number; duration: number }): RateLimiterAbstract {
  const memory = new RateLimiterMemory(options);
  if (!db.pgPool) return memory;
  return new RateLimiterPostgres({
    ...options,
    storeClient: db.pgPool,
    storeType: "pool",
    tableName: "api_rate_limits",
    // created by the migrations (20261206150000_api_rate_limits.sql), never by the app
    tableCreated: true,
    inMemoryBlockOnConsumed: options.points + 1,
    insuranceLimiter: memory,
  }) as unknown as RateLimiterAbstract;
}

/** The API's limiter: per key, a minute's window. */
export function createApiRateLimiter(db: Pick<Database, "pgPool">, points = apiRateLimitPerMinute()): RateLimiterAbstract {
  return sharedRateLimiter(db, { keyPrefix: "api_key", points, duration: 60 });
}

const globalForLimits = globalThis as unknown as { scopApiLimiter?: RateLimiterAbstract };

/** null when the call may proceed; otherwise the seconds to wait. */
export async function consumeRateLimit(db: Pick<Database, "pgPool">, apiKeyId: number): Promise<number | null> {
  globalForLimits.scopApiLimiter ??= createApiRateLimiter(db);
  return consume(globalForLimits.scopApiLimiter, apiKeyId);
}

/** null when `key` may proceed (and one point is spent); otherwise the seconds to wait. */
export async function consume(limiter: RateLimiterAbstract, key: number | string): Promise<number | null> {
  try {
    await limiter.consume(String(key));
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
