/**
 * The public verification's limits per client address (the front door, server.ts, decides it and
 * passes it as the one X-Forwarded-For value): SCOP_PUBLIC_LOOKUPS_PER_MINUTE (default 20) and
 * SCOP_PUBLIC_LOOKUPS_PER_DAY (default 300) lookups of codes and plates together. Counted in the
 * process's memory, like the API's limit: behind N instances an address gets N times as many.
 * Answers are also kept for a few seconds, so that a code checked by many at once costs one query.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

const globalForLimits = globalThis as unknown as {
  scopPublicLimits?: { minute: RateLimiterMemory; day: RateLimiterMemory };
  scopPublicCache?: Map<string, { expires: number; value: unknown }>;
};

function limiters() {
  globalForLimits.scopPublicLimits ??= {
    minute: new RateLimiterMemory({ points: Number(process.env.SCOP_PUBLIC_LOOKUPS_PER_MINUTE ?? 20), duration: 60 }),
    day: new RateLimiterMemory({ points: Number(process.env.SCOP_PUBLIC_LOOKUPS_PER_DAY ?? 300), duration: 86_400 }),
  };
  return globalForLimits.scopPublicLimits;
}

/** null when the lookup may proceed; otherwise the seconds to wait. */
export async function consumePublicLookup(address: string): Promise<number | null> {
  const { minute, day } = limiters();
  try {
    await minute.consume(address);
    await day.consume(address);
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
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
