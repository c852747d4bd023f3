/**
 * A lot's tank truck: registered, of an agent whose trucks may carry the order, VIGENTE, insured,
 * and holding the lot — at the sale, and again for the truck that loads at the dispatch. Each
 * refusal is in Spanish, names the lot's field, and changes nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { DOCUMENTS, buildWorld, createActor, createAgent, createTruck, lotOn, seedSolicitadoOrder, seedVendidoOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("tank trucks of a sale and a dispatch on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let plateSerial = 0;
  const nextPlate = () => `F${(plateSerial++).toString(36).toUpperCase().padStart(2, "0")}-710`;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
  });
  beforeEach(async () => {
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  async function state() {
    const [orders, lots, movements] = await Promise.all([
      test.db.prisma.order.findMany({ orderBy: { id: "asc" } }),
      test.db.prisma.lot.findMany({ orderBy: { id: "asc" } }),
      test.db.prisma.movement.count(),
    ]);
    return { orders, lots, movements };
  }

  async function expectRefused(action: () => Promise<unknown>, code: string, field: string, message: RegExp) {
    const before = await state();
    const error = await action().then(
      () => null,
      (e: DomainError) => e,
    );
    expect(error, `expected refusal ${code}`).not.toBeNull();
    expect(error!.code).toBe(code);
    expect(error!.message).toMatch(message);
    expect(Object.keys(error!.fieldErrors ?? {})).toContain(field);
    expect(await state()).toEqual(before);
  }

  const sell = (code: string, plate: string, volume: string) => sellOrder(ctx, world.actors.envasadora, { code, lots: [{ plate, ...DOCUMENTS, volume }] });

  it("a lot may fill the truck exactly; one hundredth more is refused", async () => {
    const truck = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.envasadora.id, capacityGallons: 3_000 });
    const over = await seedSolicitadoOrder(ctx, world, "A", "3000.01");
    await expectRefused(() => sell(over, truck.plate, "3000.01"), "CISTERNA_CAPACIDAD_EXCEDIDA", "lots.0.volume", /excede la capacidad de la cisterna .* \(3,000\.00 gal\)/);
    await sell(over, truck.plate, "3000");
    const [lot] = await test.db.prisma.lot.findMany({ where: { order: { code: over } } });
    expect([lot.truckId, lot.plate, lot.soldVolume, lot.loadDay]).toEqual([truck.id, truck.plate, 300_000, "2026-03-10"]);
  });

  it("refuses a suspended or a cancelled truck, and takes it again once reinstated", async () => {
    const truck = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.envasadora.id, status: "SUSPENDIDO" });
    const code = await seedSolicitadoOrder(ctx, world, "A", "100");
    await expectRefused(() => sell(code, truck.plate, "100"), "CISTERNA_NO_VIGENTE", "lots.0.plate", /está suspendida: no puede transportar GLP/);
    await test.db.prisma.truck.update({ where: { id: truck.id }, data: { status: "CANCELADO" } });
    await expectRefused(() => sell(code, truck.plate, "100"), "CISTERNA_NO_VIGENTE", "lots.0.plate", /está cancelada/);
    await test.db.prisma.truck.update({ where: { id: truck.id }, data: { status: "VIGENTE" } });
    await sell(code, truck.plate, "100");
  });

  it("takes a truck whose insurance expires today and refuses one that expired yesterday (Lima days)", async () => {
    // The clock is 2026-03-10 10:00 in Lima.
    const today = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.envasadora.id, insuranceExpiresOn: "2026-03-10" });
    const yesterday = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.envasadora.id, insuranceExpiresOn: "2026-03-09" });
    const code = await seedSolicitadoOrder(ctx, world, "A", "100");
    await expectRefused(() => sell(code, yesterday.plate, "100"), "CISTERNA_SEGURO_VENCIDO", "lots.0.plate", /venció el 09\/03\/2026/);
    await sell(code, today.plate, "100");
  });

  it("refuses a plate that is not registered, or is another agent's truck", async () => {
    const code = await seedSolicitadoOrder(ctx, world, "A", "100");
    await expectRefused(() => sell(code, "ZZ-9999", "100"), "CISTERNA_NO_REGISTRADA", "lots.0.plate", /no corresponde a una cisterna inscrita de Envasadora Fermiones/);
    await expectRefused(() => sell(code, world.trucks.distribuidor[0].plate, "100"), "CISTERNA_NO_REGISTRADA", "lots.0.plate", /no corresponde/);
  });

  it("names every lot's problem at once", async () => {
    const small = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.envasadora.id, capacityGallons: 50 });
    const code = await seedSolicitadoOrder(ctx, world, "A", "200");
    const error = await sellOrder(ctx, world.actors.envasadora, {
      code,
      lots: [
        { ...lotOn(world, "envasadora"), volume: "100" },
        { plate: small.plate, ...DOCUMENTS, volume: "60" },
        { plate: "ZZ-9999", ...DOCUMENTS, volume: "10" },
      ],
    }).catch((e: DomainError) => e);
    expect(Object.keys((error as DomainError).fieldErrors ?? {}).sort()).toEqual(["lots.1.volume", "lots.2.plate"]);
  });

  it("flow b: the seller's trucks and the buyer's own trucks may carry the lot; the plant's may not", async () => {
    // A Distribuidor a Granel buying from the Comercializador collects at the plant with its own truck.
    const collector = await createAgent(test.db, { type: "DISTRIBUIDOR_A_GRANEL", name: "Granel Recolector S.A.C.", capacityGallons: 20_000 });
    const collectorBuyer = await createActor(test.db, collector.id, "COMPRADOR");
    const own = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: collector.id });
    const plantTruck = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.planta.id });
    const input = { sellerType: "COMERCIALIZADOR" as const, sellerId: world.agents.comercializador.id, plantId: world.agents.planta.id, volume: "1000", deliveryDate: "2026-03-11" };
    const { code } = await registerOrder(ctx, collectorBuyer, input);
    await expectRefused(
      () => sellOrder(ctx, world.actors.comercializador, { code, lots: [{ plate: plantTruck.plate, ...DOCUMENTS, volume: "500" }] }),
      "CISTERNA_NO_REGISTRADA",
      "lots.0.plate",
      /Comercializadora Gluones S\.A\. o de Granel Recolector/,
    );
    await sellOrder(ctx, world.actors.comercializador, {
      code,
      lots: [
        { plate: own.plate, ...DOCUMENTS, volume: "500" },
        { ...lotOn(world, "comercializador"), volume: "500" },
      ],
    });
    const lots = await test.db.prisma.lot.findMany({ where: { order: { code } }, orderBy: { position: "asc" } });
    expect(lots.map((lot) => [lot.truckId, lot.loadDay])).toEqual([
      [own.id, null],
      [world.trucks.comercializador[0].id, null],
    ]);
  });

  describe("dispatch", () => {
    it("a different plate at dispatch must be a registered truck that may carry the order, with the same checks", async () => {
      const code = await seedVendidoOrder(ctx, world, "1000");
      const small = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.comercializador.id, capacityGallons: 999.99 });
      const suspended = await createTruck(test.db, { plate: nextPlate(), ownerAgentId: world.agents.comercializador.id, status: "SUSPENDIDO" });
      const plant = world.actors.planta;
      await expectRefused(() => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "1000", plate: "ZZ-9999" }] }), "CISTERNA_NO_REGISTRADA", "lots.0.plate", /ZZ-9999/);
      await expectRefused(() => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "1000", plate: small.plate }] }), "CISTERNA_CAPACIDAD_EXCEDIDA", "lots.0.volume", /999\.99/);
      await expectRefused(() => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "1000", plate: suspended.plate }] }), "CISTERNA_NO_VIGENTE", "lots.0.plate", /suspendida/);
      ctx.clock.advance(3_600_000);
      await dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "999.99", plate: small.plate }] });
      const [lot] = await test.db.prisma.lot.findMany({ where: { order: { code } } });
      expect([lot.plate, lot.truckId, lot.dispatchedPlate, lot.dispatchedTruckId, lot.loadDay]).toEqual([
        world.trucks.comercializador[0].plate,
        world.trucks.comercializador[0].id,
        small.plate,
        small.id,
        "2026-03-10",
      ]);
    });

    it("checks the sale's truck again: suspended since the sale, it cannot load", async () => {
      const code = await seedVendidoOrder(ctx, world, "1000");
      await test.db.prisma.truck.update({ where: { id: world.trucks.comercializador[0].id }, data: { status: "SUSPENDIDO" } });
      await expectRefused(() => dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "1000" }] }), "CISTERNA_NO_VIGENTE", "lots.0.plate", /suspendida/);
    });
  });
});
