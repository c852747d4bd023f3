/**
 * The API rate limit across instances: two processes' limiters on one PostgreSQL database (each
 * with its own pool, as two servers have) share one count per key. On SQLite, one instance, the
 * count is in memory. When PostgreSQL cannot be reached, the limiter counts in memory rather
 * than refuse or fail every call.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimiterMemory, RateLimiterPostgres } from "rate-limiter-flexible";
import { createDatabase, type Database } from "@/lib/db/database";
import { consume, createApiRateLimiter } from "@/lib/api/rate-limit";
import { freePort } from "@/harness/postgres-cluster";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { sql } from "@/lib/db/sql";

describe("API rate limit on PostgreSQL", () => {
  let test: TestDatabase;
  let second: Database;
  beforeAll(async () => {
    test = await createTestDatabase("postgresql");
    second = createDatabase(test.url);
  });
  afterAll(async () => {
    await second.close();
    await test.drop();
  });

  it("is one count per key across two instances: 20 a minute is 20, whichever instance serves them", async () => {
    const instances = [createApiRateLimiter(test.db, 20), createApiRateLimiter(second, 20)];
    expect(instances[0]).toBeInstanceOf(RateLimiterPostgres);
    const answers: (number | null)[] = [];
    for (let i = 0; i < 30; i++) answers.push(await consume(instances[i % 2], 41));
    expect(answers.filter((answer) => answer === null)).toHaveLength(20);
    expect(answers.slice(0, 20).every((answer) => answer === null)).toBe(true);
    // both instances refuse once the shared count is spent, with the seconds left in the window
    for (const answer of answers.slice(20)) {
      expect(answer).toBeGreaterThanOrEqual(1);
      expect(answer).toBeLessThanOrEqual(60);
    }
    // another key has its own count
    expect(await consume(instances[1], 42)).toBeNull();
    const [row] = await test.db.sql.all<{ points: number; expire: number }>(sql`SELECT points, expire FROM api_rate_limits WHERE key = ${"api_key:41"}`);
    expect(row.points).toBeGreaterThanOrEqual(21);
    expect(row.expire).toBeGreaterThan(Date.now());
    expect(row.expire).toBeLessThanOrEqual(Date.now() + 60_000);
    // counts are worth nothing after a crash: the table writes no WAL
    const [table] = await test.db.sql.all<{ persistence: string }>(sql`SELECT relpersistence AS persistence FROM pg_class WHERE relname = 'api_rate_limits'`);
    expect(table.persistence).toBe("u");
  });

  it("holds under concurrent calls from both instances: exactly the limit passes", async () => {
    const instances = [createApiRateLimiter(test.db, 25), createApiRateLimiter(second, 25)];
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => consume(instances[i % 2], 77)));
    expect(answers.filter((answer) => answer === null)).toHaveLength(25);
  });

  it("counts in memory when the database cannot be reached, instead of failing every call", async () => {
    const unreachable = createDatabase(`postgresql://scop@127.0.0.1:${await freePort()}/nada`);
    try {
      const limiter = createApiRateLimiter(unreachable, 3);
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await consume(limiter, 5));
      expect(answers.map((answer) => answer === null)).toEqual([true, true, true, false, false]);
    } finally {
      await unreachable.close();
    }
  });
});

describe("API rate limit on SQLite", () => {
  it("is counted in the process's memory (one instance)", async () => {
    const limiter = createApiRateLimiter({ pgPool: null }, 2);
    expect(limiter).toBeInstanceOf(RateLimiterMemory);
    expect([await consume(limiter, 1), await consume(limiter, 1), (await consume(limiter, 1)) !== null]).toEqual([null, null, true]);
  });
});
