/**
 * The public verification's limits per client address (lib/verification/public-limits.ts) and its
 * short cache. On PostgreSQL the counts are one for every instance, like the API's per-key limit:
 * two instances' limiters (each with its own pool, as two servers have) share them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { RateLimiterMemory, RateLimiterPostgres } from "rate-limiter-flexible";
import { createDatabase, type Database } from "@/lib/db/database";
import { sql } from "@/lib/db/sql";
import { cachedAnswer, consumeLookup, createPublicLookupLimiters } from "@/lib/verification/public-limits";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const ONE_INSTANCE = { pgPool: null };

describe("public lookups", () => {
  it("allow a few per minute per address, then say how long to wait; other addresses are not affected", async () => {
    const limiters = createPublicLookupLimiters(ONE_INSTANCE, { perMinute: 3, perDay: 50 });
    expect(limiters.minute).toBeInstanceOf(RateLimiterMemory);
    for (let i = 0; i < 3; i++) expect(await consumeLookup(limiters, "203.0.113.7")).toBeNull();
    const wait = await consumeLookup(limiters, "203.0.113.7");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await consumeLookup(limiters, "198.51.100.1")).toBeNull();
  });

  it("allow a day's budget per address, then say to wait for the day's window, not a minute", async () => {
    const limiters = createPublicLookupLimiters(ONE_INSTANCE, { perMinute: 20, perDay: 5 });
    for (let i = 0; i < 5; i++) expect(await consumeLookup(limiters, "203.0.113.8")).toBeNull();
    const wait = await consumeLookup(limiters, "203.0.113.8");
    expect(wait).toBeGreaterThan(60);
    expect(wait).toBeLessThanOrEqual(86_400);
  });

  describe("from the environment", () => {
    const saved = { ...process.env };
    afterEach(() => {
      process.env.SCOP_PUBLIC_LOOKUPS_PER_MINUTE = saved.SCOP_PUBLIC_LOOKUPS_PER_MINUTE;
      process.env.SCOP_PUBLIC_LOOKUPS_PER_DAY = saved.SCOP_PUBLIC_LOOKUPS_PER_DAY;
      if (saved.SCOP_PUBLIC_LOOKUPS_PER_MINUTE === undefined) delete process.env.SCOP_PUBLIC_LOOKUPS_PER_MINUTE;
      if (saved.SCOP_PUBLIC_LOOKUPS_PER_DAY === undefined) delete process.env.SCOP_PUBLIC_LOOKUPS_PER_DAY;
    });

    it("read their budgets, and refuse one that is not a positive whole number, in Spanish", async () => {
      process.env.SCOP_PUBLIC_LOOKUPS_PER_MINUTE = "2";
      const limiters = createPublicLookupLimiters(ONE_INSTANCE);
      expect([await consumeLookup(limiters, "a"), await consumeLookup(limiters, "a"), (await consumeLookup(limiters, "a")) !== null]).toEqual([null, null, true]);
      for (const wrong of ["abc", "0", "-3", "2.5"]) {
        process.env.SCOP_PUBLIC_LOOKUPS_PER_DAY = wrong;
        expect(() => createPublicLookupLimiters(ONE_INSTANCE)).toThrow("SCOP_PUBLIC_LOOKUPS_PER_DAY debe ser un número entero positivo.");
      }
    });
  });

  it("keep an answer a few seconds, so many lookups of one code cost one query", async () => {
    let queries = 0;
    const compute = async () => ++queries;
    expect(await cachedAnswer("codigo:1", compute)).toBe(1);
    expect(await cachedAnswer("codigo:1", compute)).toBe(1);
    expect(await cachedAnswer("codigo:2", compute)).toBe(2);
  });
});

describe("public lookups on PostgreSQL", () => {
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

  it("are one count per address across two instances, for the minute and for the day", async () => {
    const instances = [createPublicLookupLimiters(test.db, { perMinute: 6, perDay: 100 }), createPublicLookupLimiters(second, { perMinute: 6, perDay: 100 })];
    expect(instances[0].minute).toBeInstanceOf(RateLimiterPostgres);
    const answers: (number | null)[] = [];
    for (let i = 0; i < 10; i++) answers.push(await consumeLookup(instances[i % 2], "203.0.113.9"));
    expect(answers.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    for (const wait of answers.slice(6)) {
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
    }
    // another address has its own count
    expect(await consumeLookup(instances[1], "198.51.100.2")).toBeNull();

    const daily = [createPublicLookupLimiters(test.db, { perMinute: 100, perDay: 4 }), createPublicLookupLimiters(second, { perMinute: 100, perDay: 4 })];
    const dayAnswers: (number | null)[] = [];
    for (let i = 0; i < 6; i++) dayAnswers.push(await consumeLookup(daily[i % 2], "203.0.113.10"));
    expect(dayAnswers.map((wait) => wait === null)).toEqual([true, true, true, true, false, false]);
    expect(dayAnswers[5]).toBeGreaterThan(60);

    // the counts are in the database (past the limit, each instance then refuses from its memory)
    const points = async (key: string) => (await test.db.sql.all<{ points: number }>(sql`SELECT points FROM api_rate_limits WHERE key = ${key}`))[0]?.points;
    expect(await points("public_minute:203.0.113.9")).toBeGreaterThan(6);
    expect(await points("public_day:203.0.113.10")).toBeGreaterThan(4);
  });
});
