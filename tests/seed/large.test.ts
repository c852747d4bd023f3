import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { checkIntegrity } from "@/lib/orders/integrity";
import { registerOrder } from "@/lib/orders/register-order";
import { ORDER_STATES } from "@/lib/orders/states";
import { SeedRefusedError, seedLarge, type SeedLargeResult } from "@/lib/seed/large/seed-large";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { TEST_CODE_SECRET, TestClock, testContext } from "../support/world";
import { limaDay } from "@/lib/time";

const root = path.resolve(import.meta.dirname, "../..");
const NOW = new Date("2026-03-10T15:00:00Z");
const N = 2_000;

describe.each(ENGINES)("seed:large on %s", (engine) => {
  let test: TestDatabase;
  let result: SeedLargeResult;
  const codes = new AuthorizationCodeGenerator(TEST_CODE_SECRET);

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    result = await seedLarge({ url: test.url, orders: N, seed: 7, now: NOW, codes, root });
  });
  afterAll(() => test.drop());

  it("loads exactly N orders, with movements and lots, ids 1..N", async () => {
    expect(result.orders).toBe(N);
    expect([result.firstOrderId, result.lastOrderId]).toEqual([1, N]);
    expect(await test.db.prisma.order.count()).toBe(N);
    expect(await test.db.prisma.movement.count()).toBe(result.movements);
    expect(await test.db.prisma.lot.count()).toBe(result.lots);
    expect(result.movements).toBeGreaterThan(2 * N);
  });

  it("passes checkIntegrity with no violation", async () => {
    const report = await checkIntegrity(test.db);
    expect(report.violations).toEqual([]);
    expect(report.checked.orders).toBe(N);
  });

  it("has every state, mostly CERRADO, and some late closures; the counts match the database", async () => {
    const rows = await test.db.prisma.order.groupBy({ by: ["state"], _count: { _all: true } });
    const inDb = Object.fromEntries(rows.map((row) => [row.state, row._count._all]));
    for (const state of ORDER_STATES) expect(inDb[state], state).toBeGreaterThan(0);
    expect(inDb).toEqual(Object.fromEntries(Object.entries(result.states).filter(([, n]) => n > 0)));
    expect(result.states.CERRADO / N).toBeGreaterThan(0.8);
    expect(await test.db.prisma.order.count({ where: { state: "CERRADO", daysLate: { gt: 0 } } })).toBe(result.lateClosures);
    expect(result.lateClosures).toBeGreaterThan(0);
    expect(await test.db.prisma.movement.count({ where: { event: "DESPACHADO" } })).toBeGreaterThan(0);
  });

  it("registers every agent type, with valid data", async () => {
    const types = await test.db.prisma.agent.groupBy({ by: ["type"], _count: { _all: true } });
    expect(types.map((row) => row.type).sort()).toEqual(
      ["CONSUMIDOR_DIRECTO", "RED_DE_DISTRIBUCION", "GASOCENTRO", "PLANTA_ENVASADORA", "DISTRIBUIDOR_A_GRANEL", "COMERCIALIZADOR", "PLANTA_ABASTECIMIENTO", "OSINERGMIN"].sort(),
    );
  });

  it("registers the sellers' tank trucks, and every lot travels on one that holds it, loaded on its sale or dispatch day", async () => {
    expect(result.trucks).toBeGreaterThan(0);
    expect(await test.db.prisma.truck.count()).toBe(result.trucks);
    const lots = await test.db.prisma.lot.findMany({
      include: { truck: true, dispatchedTruck: true, order: { select: { flow: true, sellerId: true, buyerId: true, soldAt: true, dispatchedAt: true } } },
    });
    const bad = lots.filter((lot) => {
      const loaded = lot.dispatchedTruck ?? lot.truck;
      const owners = lot.order.flow === "B" ? [lot.order.sellerId, lot.order.buyerId] : [lot.order.sellerId];
      const loadAt = lot.order.flow === "A" ? lot.order.soldAt : lot.order.dispatchedAt;
      return (
        !lot.truck ||
        lot.truck.plate !== lot.plate ||
        !owners.includes(lot.truck.ownerAgentId) ||
        !loaded ||
        (lot.dispatchedVolume ?? lot.soldVolume) > loaded.capacity ||
        lot.soldVolume > lot.truck.capacity ||
        lot.loadDay !== (loadAt ? limaDay(loadAt) : null)
      );
    });
    expect(bad).toEqual([]);
    expect(lots.some((lot) => lot.dispatchedTruckId !== null)).toBe(true);
    expect(lots.some((lot) => lot.density !== null)).toBe(true);
    // In flow b, Plantas Envasadoras and Distribuidores a Granel collect with their own trucks.
    expect(lots.some((lot) => lot.order.flow === "B" && lot.truck!.ownerAgentId === lot.order.buyerId)).toBe(true);
  });

  it("moves the order-number counter: a later registerOrder gets the next id and a new code", async () => {
    const clock = new TestClock(NOW);
    const ctx = testContext(test.db, clock);
    const buyer = await test.db.prisma.agent.findFirstOrThrow({
      where: { type: "CONSUMIDOR_DIRECTO", registryStatus: "VIGENTE", cededBySellerId: null, committedVolume: 0 },
      include: { users: { where: { role: "COMPRADOR" } } },
    });
    const seller = await test.db.prisma.agent.findFirstOrThrow({ where: { type: "PLANTA_ENVASADORA", registryStatus: "VIGENTE" } });
    const { code } = await registerOrder(ctx, { userId: buyer.users[0].id, agentId: buyer.id, role: "COMPRADOR" }, {
      sellerType: "PLANTA_ENVASADORA",
      sellerId: seller.id,
      volume: "500",
      deliveryDate: "2026-03-11",
    });
    expect(codes.orderNumberOf(code)).toBe(N + 1);
    expect(await test.db.prisma.order.count({ where: { code } })).toBe(1);
    expect((await checkIntegrity(test.db)).violations).toEqual([]);
  });

  it("refuses to load into a database that already has orders, unless --append", async () => {
    await expect(seedLarge({ url: test.url, orders: 10, seed: 8, now: NOW, codes, root })).rejects.toBeInstanceOf(SeedRefusedError);
    expect(await test.db.prisma.order.count()).toBe(N + 1);
    const appended = await seedLarge({ url: test.url, orders: 50, seed: 8, now: NOW, codes, root, append: true });
    expect(appended.firstOrderId).toBe(N + 2);
    expect(await test.db.prisma.order.count()).toBe(N + 51);
    expect((await checkIntegrity(test.db)).violations).toEqual([]);
  });
});
