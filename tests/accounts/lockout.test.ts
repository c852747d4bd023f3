/**
 * Sign-in throttling on a real database: five consecutive failures of one username from one IP
 * lock it, with a growing lock on repetition; a success forgets the failures; other usernames and
 * addresses are unaffected; too many failures from one IP lock the IP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SignInLimiter, lockedMessage } from "@/lib/auth/lockout";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";

describe.each(ENGINES)("sign-in lockout on %s", (engine) => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
  });
  afterAll(() => test.drop());

  it("locks after five consecutive failures, only that username and IP", async () => {
    const limiter = new SignInLimiter(test.db, { maxConsecutiveFails: 5, maxFailsPerIpPerDay: 100, baseLockSeconds: 900 });
    for (let i = 1; i <= 4; i++) {
      expect(await limiter.recordFailure("ana", "10.0.0.1")).toBe(0);
      expect(await limiter.lockedFor("ana", "10.0.0.1")).toBe(0);
    }
    expect(await limiter.recordFailure("ana", "10.0.0.1")).toBe(900);
    const locked = await limiter.lockedFor("ana", "10.0.0.1");
    expect(locked).toBeGreaterThan(890);
    expect(locked).toBeLessThanOrEqual(900);
    expect(lockedMessage(locked)).toBe("Demasiados intentos fallidos. Intente nuevamente en 15 minutos.");
    expect(await limiter.lockedFor("ana", "10.0.0.2")).toBe(0);
    expect(await limiter.lockedFor("luis", "10.0.0.1")).toBe(0);
  });

  it("a success forgets the consecutive failures", async () => {
    const limiter = new SignInLimiter(test.db, { maxConsecutiveFails: 3, maxFailsPerIpPerDay: 100, baseLockSeconds: 60 });
    await limiter.recordFailure("rosa", "10.0.1.1");
    await limiter.recordFailure("rosa", "10.0.1.1");
    await limiter.recordSuccess("rosa", "10.0.1.1");
    expect(await limiter.recordFailure("rosa", "10.0.1.1")).toBe(0);
    expect(await limiter.recordFailure("rosa", "10.0.1.1")).toBe(0);
    expect(await limiter.recordFailure("rosa", "10.0.1.1")).toBe(60);
  });

  it("doubles the lock each time it repeats", async () => {
    const limiter = new SignInLimiter(test.db, { maxConsecutiveFails: 2, maxFailsPerIpPerDay: 100, baseLockSeconds: 1 });
    const fail = () => limiter.recordFailure("pedro", "10.0.2.1");
    await fail();
    expect(await fail()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await limiter.lockedFor("pedro", "10.0.2.1")).toBe(0);
    await fail();
    expect(await fail()).toBe(2);
  });

  it("locks an account that fails from many addresses (a rotated X-Forwarded-For buys nothing)", async () => {
    const limiter = new SignInLimiter(test.db, { maxConsecutiveFails: 5, maxFailsPerIpPerDay: 100, maxFailsPerAccountPerHour: 4, baseLockSeconds: 120 });
    for (let i = 1; i <= 3; i++) expect(await limiter.recordFailure("carmen", `10.1.0.${i}`)).toBe(0);
    expect(await limiter.recordFailure("carmen", "10.1.0.4")).toBe(120);
    expect(await limiter.lockedFor("carmen", "10.1.0.99")).toBeGreaterThan(100);
    expect(await limiter.lockedFor("otra", "10.1.0.1")).toBe(0);
  });

  it("locks an IP that fails too often across usernames", async () => {
    const limiter = new SignInLimiter(test.db, { maxConsecutiveFails: 5, maxFailsPerIpPerDay: 6, baseLockSeconds: 60 });
    for (let i = 0; i < 5; i++) await limiter.recordFailure(`user${i}`, "10.0.3.1");
    expect(await limiter.lockedFor("otro", "10.0.3.1")).toBe(0);
    expect(await limiter.recordFailure("user9", "10.0.3.1")).toBe(24 * 60 * 60);
    expect(await limiter.lockedFor("otro", "10.0.3.1")).toBeGreaterThan(60);
    expect(await limiter.lockedFor("otro", "10.0.3.2")).toBe(0);
  });
});
