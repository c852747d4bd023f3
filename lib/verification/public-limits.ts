/**
 * The public verification's limits per client address (the front door, server.ts, decides it and
 * passes it as the one X-Forwarded-For value): SCOP_PUBLIC_LOOKUPS_PER_MINUTE (default 20) and
 * SCOP_PUBLIC_LOOKUPS_PER_DAY (default 300) lookups of codes and plates together, counted once for
 * every instance like the API's limit (lib/api/rate-limit.ts: in the database on PostgreSQL, in
 * memory on SQLite's one instance).
 * Answers are also kept for a few seconds, so that a code checked by many at once costs one query.
 */
import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { consume, limitFromEnvironment, sharedRateLimiter } from "@/lib/api/rate-limit";
import type { Database } from "@/lib/db/database";

export interface PublicLookupLimiters {
  minute: RateLimiterAbstract;
  day: RateLimiterAbstract;
}

export function createPublicLookupLimiters(
  db: Pick<Database, "pgPool">,
  points = {
    perMinute: limitFromEnvironment("SCOP_PUBLIC_LOOKUPS_PER_MINUTE", 20),
    perDay: limitFromEnvironment("SCOP_PUBLIC_LOOKUPS_PER_DAY", 300),
  },
): PublicLookupLimiters {
  return {
    minute: sharedRateLimiter(db, { keyPrefix: "public_minute", points: points.perMinute, duration: 60 }),
    day: sharedRateLimiter(db, { keyPrefix: "public_day", points: points.perDay, duration: 86_400 }),
  };
}

const globalForLimits = globalThis as unknown as {
  scopPublicLimits?: PublicLookupLimiters;
  scopPublicCache?: Map<string, { expires: number; value: unknown }>;
};

/** null when the lookup may proceed; otherwise the seconds to wait. */
export async function consumePublicLookup(db: Pick<Database, "pgPool">, address: string): Promise<number | null> {
  globalForLimits.scopPublicLimits ??= createPublicLookupLimiters(db);
  return consumeLookup(globalForLimits.scopPublicLimits, address);
}

/** A lookup spends a point of the minute's budget and, while that allows it, of the day's. */
export async function consumeLookup(limiters: PublicLookupLimiters, address: string): Promise<number | null> {
  return (await consume(limiters.minute, address)) ?? consume(limiters.day, address);
}

const CACHE_MS = 10_000;
const CACHE_ENTRIES = 2_000;

/** `compute`'s answer for `key`, kept CACHE_MS. */
export async function cachedAnswer<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const cache = (globalForLimits.scopPublicCache ??= new Map());
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value as T;
  const value = await compute();
  if (cache.size >= CACHE_ENTRIES) {
    for (const [stale, entry] of cache) if (entry.expires <= now || cache.size >= CACHE_ENTRIES) cache.delete(stale);
  }
  cache.set(key, { expires: now + CACHE_MS, value });
  return value;
}
