/**
 * Per-key rate limit: SCOP_API_RATE_LIMIT_PER_MINUTE requests (default 600) per 60 s. The count is
 * per process (RateLimiterMemory): behind several instances each one enforces it on its share.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

const globalForLimits = globalThis as unknown as { scopApiLimiter?: RateLimiterMemory };

function limiter(): RateLimiterMemory {
  globalForLimits.scopApiLimiter ??= new RateLimiterMemory({
    points: Number(process.env.SCOP_API_RATE_LIMIT_PER_MINUTE ?? 600),
    duration: 60,
  });
  return globalForLimits.scopApiLimiter;
}

/** null when the call may proceed; otherwise the seconds to wait. */
export async function consumeRateLimit(apiKeyId: number): Promise<number | null> {
  try {
    await limiter().consume(String(apiKeyId));
    return null;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}
