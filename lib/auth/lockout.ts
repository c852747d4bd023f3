/**
 * Sign-in throttling with rate-limiter-flexible, after its "login endpoint protection" recipe:
 * consecutive failures per username and IP (5 → a temporary lock that doubles with each repeated
 * lock within a day: 15 min, 30 min, 1 h, … up to 24 h), failures per account from any address
 * (10 within an hour → the same growing lock for the account: rotating addresses, or a forged
 * X-Forwarded-For, does not buy more guesses) and a slow brute-force limit per IP (100 failures a
 * day). Counters live in the database (rate_limits), so every app instance
 * shares them; each limiter query runs in its own short transaction (lib/db/database.ts).
 */
import { RateLimiterPrisma, type RateLimiterRes } from "rate-limiter-flexible";
import type { Database } from "@/lib/db/database";
import type { Prisma } from "@/lib/generated/sqlite/client";

export interface LockoutOptions {
  maxConsecutiveFails: number;
  maxFailsPerIpPerDay: number;
  /** failures of one account from any address within an hour (default 10) */
  maxFailsPerAccountPerHour?: number;
  /** the first lock; each further lock within 24 h doubles it */
  baseLockSeconds: number;
}

export const DEFAULT_LOCKOUT: LockoutOptions = { maxConsecutiveFails: 5, maxFailsPerIpPerDay: 100, maxFailsPerAccountPerHour: 10, baseLockSeconds: 15 * 60 };

const DAY = 24 * 60 * 60;

export function lockedMessage(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Demasiados intentos fallidos. Intente nuevamente en ${minutes} ${minutes === 1 ? "minuto" : "minutos"}.`;
}

/** RateLimiterPrisma's store, with each call in one transaction of ours. */
function store(db: Database) {
  return {
    rateLimit: {
      upsert: (args: Prisma.RateLimitUpsertArgs) => db.transaction((tx) => tx.rateLimit.upsert(args)),
      deleteMany: (args: Prisma.RateLimitDeleteManyArgs) => db.transaction((tx) => tx.rateLimit.deleteMany(args)),
      findFirst: (args: Prisma.RateLimitFindFirstArgs) => db.transaction((tx) => tx.rateLimit.findFirst(args)),
    },
  };
}

export class SignInLimiter {
  private readonly byUsernameAndIp: RateLimiterPrisma;
  private readonly byIp: RateLimiterPrisma;
  private readonly byAccount: RateLimiterPrisma;
  private readonly locks: RateLimiterPrisma;
  private readonly accountPoints: number;

  constructor(
    db: Database,
    private readonly options: LockoutOptions = DEFAULT_LOCKOUT,
  ) {
    const common = { storeClient: store(db), tableName: "rateLimit", clearExpiredByTimeout: false };
    this.byUsernameAndIp = new RateLimiterPrisma({ ...common, keyPrefix: "signin_user_ip", points: options.maxConsecutiveFails, duration: DAY });
    this.byIp = new RateLimiterPrisma({ ...common, keyPrefix: "signin_ip", points: options.maxFailsPerIpPerDay, duration: DAY, blockDuration: DAY });
    this.accountPoints = options.maxFailsPerAccountPerHour ?? 10;
    this.byAccount = new RateLimiterPrisma({ ...common, keyPrefix: "signin_account", points: this.accountPoints, duration: 60 * 60 });
    this.locks = new RateLimiterPrisma({ ...common, keyPrefix: "signin_locks", points: 1_000, duration: DAY });
  }

  private async lock(limiter: RateLimiterPrisma, key: string, lockKey: string): Promise<number> {
    const lockCount = (await this.locks.penalty(lockKey)).consumedPoints;
    const seconds = Math.min(this.options.baseLockSeconds * 2 ** (lockCount - 1), DAY);
    await limiter.block(key, seconds);
    return seconds;
  }

  private static userKey(username: string, ip: string) {
    return `${username.toLowerCase()}_${ip}`;
  }

  private static blockedSeconds(res: RateLimiterRes | null, points: number): number {
    if (!res || res.consumedPoints <= points || res.msBeforeNext <= 0) return 0;
    return Math.ceil(res.msBeforeNext / 1000);
  }

  /** Seconds until this username may try again from this IP (0: it may try now). */
  async lockedFor(username: string, ip: string): Promise<number> {
    const [userRes, ipRes, accountRes] = await Promise.all([
      this.byUsernameAndIp.get(SignInLimiter.userKey(username, ip)),
      this.byIp.get(ip),
      this.byAccount.get(username.toLowerCase()),
    ]);
    return Math.max(
      SignInLimiter.blockedSeconds(userRes, this.options.maxConsecutiveFails),
      SignInLimiter.blockedSeconds(ipRes, this.options.maxFailsPerIpPerDay),
      SignInLimiter.blockedSeconds(accountRes, this.accountPoints),
    );
  }

  /** Counts a failure; answers the lock it caused, in seconds (0 when none). */
  async recordFailure(username: string, ip: string): Promise<number> {
    const key = SignInLimiter.userKey(username, ip);
    const account = username.toLowerCase();
    const [userRes, ipRes, accountRes] = await Promise.all([this.byUsernameAndIp.penalty(key), this.byIp.penalty(ip), this.byAccount.penalty(account)]);
    let locked = 0;
    if (userRes.consumedPoints >= this.options.maxConsecutiveFails) locked = await this.lock(this.byUsernameAndIp, key, key);
    if (accountRes.consumedPoints >= this.accountPoints) locked = Math.max(locked, await this.lock(this.byAccount, account, `account_${account}`));
    if (ipRes.consumedPoints >= this.options.maxFailsPerIpPerDay) {
      await this.byIp.block(ip, DAY);
      locked = Math.max(locked, DAY);
    }
    return locked;
  }

  /** A successful sign-in forgets the consecutive failures (not the earlier locks of the day). */
  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.byUsernameAndIp.delete(SignInLimiter.userKey(username, ip));
    await this.byAccount.delete(username.toLowerCase());
  }
}
