/** The public verification's limit per client address (lib/verification/public-limits.ts) and its short cache. */
import { beforeAll, describe, expect, it } from "vitest";

describe("public lookups", () => {
  let limits: typeof import("@/lib/verification/public-limits");
  beforeAll(async () => {
    process.env.SCOP_PUBLIC_LOOKUPS_PER_MINUTE = "3";
    process.env.SCOP_PUBLIC_LOOKUPS_PER_DAY = "5";
    limits = await import("@/lib/verification/public-limits");
  });

  it("allow a few per minute and per day per address, then say how long to wait; other addresses are not affected", async () => {
    for (let i = 0; i < 3; i++) expect(await limits.consumePublicLookup("203.0.113.7")).toBeNull();
    const wait = await limits.consumePublicLookup("203.0.113.7");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await limits.consumePublicLookup("198.51.100.1")).toBeNull();
  });

  it("keep an answer a few seconds, so many lookups of one code cost one query", async () => {
    let queries = 0;
    const compute = async () => ++queries;
    expect(await limits.cachedAnswer("codigo:1", compute)).toBe(1);
    expect(await limits.cachedAnswer("codigo:1", compute)).toBe(1);
    expect(await limits.cachedAnswer("codigo:2", compute)).toBe(2);
  });
});
