/**
 * Cumplimiento's finding of a truck loaded beyond its capacity on one Lima day, across orders:
 * exactly full is no finding, one hundredth more is; Lima's midnight splits the days; in flow b
 * the dispatch day and the truck that actually loaded count.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { truckOverloads } from "@/lib/regulator/compliance/truck-overloads";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { DOCUMENTS, buildWorld, createTruck, seedSolicitadoOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("trucks loaded beyond capacity on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let serial = 0;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
  });
  beforeEach(async () => {
    world = await buildWorld(test.db);
    await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { storageCapacity: 1_000_000_000 } });
  });
  afterAll(() => test.drop());

  const truckOf = async (ownerAgentId: number) => createTruck(test.db, { plate: `W${(serial++).toString(36).toUpperCase().padStart(2, "0")}-300`, ownerAgentId, capacityGallons: 3_000 });

  async function saleAt(iso: string, plate: string, volume: string, flow: "A" | "B" = "A") {
    ctx.clock.set(iso);
    const code = await seedSolicitadoOrder(ctx, world, flow, volume);
    await sellOrder(ctx, flow === "A" ? world.actors.envasadora : world.actors.comercializador, { code, lots: [{ plate, ...DOCUMENTS, volume }] });
    return code;
  }

  const findings = async (from: string, to: string, truckId: number) =>
    (await truckOverloads(test.db, { from, to })).overloads.filter((row) => row.truckId === truckId);

  it("exactly full over the day is no finding; one hundredth more is, naming every lot", async () => {
    const full = await truckOf(world.agents.envasadora.id);
    await saleAt("2026-09-01T13:00:00Z", full.plate, "1500");
    await saleAt("2026-09-01T20:00:00Z", full.plate, "1500");
    expect(await findings("2026-09-01", "2026-09-01", full.id)).toEqual([]);

    const over = await truckOf(world.agents.envasadora.id);
    const first = await saleAt("2026-09-02T13:00:00Z", over.plate, "1500");
    const second = await saleAt("2026-09-02T20:00:00Z", over.plate, "1500.01");
    const [finding] = await findings("2026-09-01", "2026-09-30", over.id);
    expect(finding).toMatchObject({ day: "2026-09-02", capacity: 300_000, loaded: 300_001, plate: over.plate, owner: { id: world.agents.envasadora.id } });
    expect(finding.lots.map((lot) => [lot.code, lot.volume])).toEqual([
      [first, 150_000],
      [second, 150_001],
    ]);
    expect(await findings("2026-09-03", "2026-09-30", over.id)).toEqual([]);
  });

  it("Lima's midnight separates the days: 23:59 and 00:00 are two loads on two days", async () => {
    const truck = await truckOf(world.agents.envasadora.id);
    await saleAt("2026-09-11T04:59:00Z", truck.plate, "2000"); // 10 Sep 23:59 in Lima
    await saleAt("2026-09-11T05:00:00Z", truck.plate, "2000"); // 11 Sep 00:00 in Lima
    expect(await findings("2026-09-10", "2026-09-11", truck.id)).toEqual([]);
    await saleAt("2026-09-12T04:00:00Z", truck.plate, "1000.01"); // 11 Sep 23:00 in Lima
    expect((await findings("2026-09-10", "2026-09-11", truck.id)).map((row) => [row.day, row.loaded])).toEqual([["2026-09-11", 300_001]]);
  });

  it("flow b counts on the dispatch day, against the truck that loaded in the sale's place", async () => {
    const sold = await truckOf(world.agents.comercializador.id);
    const loaded = await truckOf(world.agents.comercializador.id);
    const a = await saleAt("2026-09-20T15:00:00Z", sold.plate, "2000", "B");
    const b = await saleAt("2026-09-20T16:00:00Z", sold.plate, "2000", "B");
    expect(await findings("2026-09-20", "2026-09-21", sold.id)).toEqual([]);
    ctx.clock.set("2026-09-21T15:00:00Z");
    await dispatchOrder(ctx, world.actors.planta, { code: a, lots: [{ position: 1, volume: "2000" }] });
    await dispatchOrder(ctx, world.actors.planta, { code: b, lots: [{ position: 1, volume: "1000.01", plate: loaded.plate }] });
    expect(await findings("2026-09-20", "2026-09-21", sold.id)).toEqual([]);
    const c = await saleAt("2026-09-21T16:00:00Z", sold.plate, "2000", "B");
    ctx.clock.set("2026-09-21T17:00:00Z");
    await dispatchOrder(ctx, world.actors.planta, { code: c, lots: [{ position: 1, volume: "2000", plate: loaded.plate }] });
    expect((await findings("2026-09-20", "2026-09-21", loaded.id)).map((row) => [row.day, row.loaded, row.lots.length])).toEqual([["2026-09-21", 300_001, 2]]);
  });
});
