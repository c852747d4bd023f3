import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDayFromEnvironment, seedDemo } from "@/lib/seed/demo";
import { addLimaDays, limaDay } from "@/lib/time";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { TestClock, testContext } from "../support/world";

// 23:30 in Lima on 10 March: late enough that no step of the demo's today is moved back to the clock.
const NOW = new Date("2026-03-11T04:30:00Z");
const TODAY = "2026-03-10";

async function seededDays(test: TestDatabase, today?: string) {
  await seedDemo(testContext(test.db, new TestClock(NOW)), { today });
  const orders = await test.db.prisma.order.findMany({ where: { legacyImportId: null }, orderBy: { id: "asc" }, select: { requestedAt: true } });
  const neutrino = await test.db.prisma.agent.findFirstOrThrow({ where: { businessName: "Gas Neutrino del Sur S.A." } });
  return { orderDays: orders.map((order) => limaDay(order.requestedAt)), registryExpiresOn: neutrino.registryExpiresOn };
}

describe("the demo seed's reference day", () => {
  let byClock: TestDatabase;
  let pinned: TestDatabase;
  beforeAll(async () => {
    [byClock, pinned] = await Promise.all([createTestDatabase("sqlite"), createTestDatabase("sqlite")]);
  });
  afterAll(async () => {
    await byClock.drop();
    await pinned.drop();
  });

  it("counts the demo's days from the pinned day, not the clock's, when a run pins it", async () => {
    const clock = await seededDays(byClock);
    const dayBefore = await seededDays(pinned, addLimaDays(TODAY, -1));

    expect(clock.orderDays.length).toBeGreaterThan(10);
    expect(clock.orderDays).toContain(TODAY);
    expect(dayBefore.orderDays).toEqual(clock.orderDays.map((day) => addLimaDays(day, -1)));
    expect(clock.registryExpiresOn).toBe(addLimaDays(TODAY, 7));
    expect(dayBefore.registryExpiresOn).toBe(addLimaDays(TODAY, 6));
  });
});

describe("SCOP_DEMO_DAY", () => {
  const day = (value: string | undefined) => demoDayFromEnvironment(NOW, { SCOP_DEMO_DAY: value });

  it("is the clock's day when unset, and a day of the last week when set", () => {
    expect(day(undefined)).toBeUndefined();
    expect(day("")).toBeUndefined();
    expect(day(TODAY)).toBe(TODAY);
    expect(day("2026-03-03")).toBe("2026-03-03");
  });

  it("refuses, in Spanish, a day that is not a Lima day, a future day or one over a week old", () => {
    for (const value of ["2026-03-11", "2026-03-02", "2026-02-30", "10/03/2026", "hoy"]) {
      expect(() => day(value), value).toThrow(/SCOP_DEMO_DAY debe ser un día de Lima \(AAAA-MM-DD\) entre 2026-03-03 y 2026-03-10/);
    }
  });
});
