/**
 * Seed 004: a Distribuidor a Granel sells at most 30,000 gallons per client per calendar month,
 * counted across all its inscriptions (its trucks). At the limit exactly it sells; one hundredth
 * more is refused with a clear message and changes nothing; the month is Lima's.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { closeOrder } from "@/lib/orders/close-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import type { Actor } from "@/lib/orders/context";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, lotOn, testContext, type World } from "../support/world";

describe.each(ENGINES)("the Distribuidor a Granel's 30,000 gallons per client and month on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
  });
  beforeEach(async () => {
    world = await buildWorld(test.db);
    for (const buyer of [world.agents.buyer, world.agents.otherBuyer]) {
      await test.db.prisma.agent.update({ where: { id: buyer.id }, data: { storageCapacity: 1_000_000_000 } });
    }
  });
  afterAll(() => test.drop());

  /** Registers a flow-a order to `seller` at `iso` and sells it in lots of up to 20,000 gal on its trucks. */
  async function sale(iso: string, gallons: string[], seller: "distribuidor" | "envasadora" = "distribuidor", buyer: Actor = world.actors.buyer) {
    ctx.clock.set(iso);
    const total = gallons.reduce((sum, value) => sum + Math.round(Number(value) * 100), 0) / 100;
    const { code } = await registerOrder(ctx, buyer, {
      sellerType: seller === "distribuidor" ? "DISTRIBUIDOR_A_GRANEL" : "PLANTA_ENVASADORA",
      sellerId: world.agents[seller].id,
      volume: total.toFixed(2),
      deliveryDate: iso.slice(0, 10),
    });
    const sold = sellOrder(ctx, world.actors[seller], { code, lots: gallons.map((volume, i) => ({ ...lotOn(world, seller, i), volume })) });
    // Handled here, awaited (and its refusal asserted) by the caller.
    sold.catch(() => undefined);
    return { code, sold };
  }

  async function expectLimit(result: { code: string; sold: Promise<unknown> }, message: RegExp) {
    const lotsBefore = await test.db.prisma.lot.count();
    const error = await result.sold.then(
      () => null,
      (e: DomainError) => e,
    );
    expect(error?.code).toBe("LIMITE_MENSUAL_DISTRIBUIDOR");
    expect(error!.message).toMatch(message);
    expect(error!.fieldErrors?.lots?.[0]).toMatch(/Puede vender hasta/);
    const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code: result.code } });
    expect(order.state).toBe("SOLICITADO");
    expect(await test.db.prisma.lot.count()).toBe(lotsBefore);
  }

  it("sells exactly 30,000.00 gal to one client in a month, across its trucks and orders", async () => {
    await (await sale("2026-05-03T15:00:00Z", ["15000", "5000"])).sold;
    await (await sale("2026-05-20T15:00:00Z", ["10000"])).sold;
    const sold = await test.db.prisma.lot.aggregate({ where: { order: { sellerId: world.agents.distribuidor.id } }, _sum: { soldVolume: true } });
    expect(sold._sum.soldVolume).toBe(3_000_000);
  });

  it("refuses one hundredth of a gallon over, saying how much is left", async () => {
    await (await sale("2026-05-03T15:00:00Z", ["20000"])).sold;
    await expectLimit(await sale("2026-05-20T15:00:00Z", ["10000.01"]), /En mayo de 2026 ya vendió 20,000\.00 gal a Bosón de Higgs S\.A\.C\.; esta venta de 10,000\.01 gal lo excedería: puede vender hasta 10,000\.00 gal más/);
    await (await sale("2026-05-20T16:00:00Z", ["10000"])).sold;
    await expectLimit(await sale("2026-05-31T15:00:00Z", ["0.01"]), /puede vender hasta 0\.00 gal más este mes/);
  });

  it("counts the calendar month in Lima: 23:59 of the 31st is May, midnight is June (05:00 UTC)", async () => {
    // 2026-06-01T04:59:00Z is 31 May 23:59 in Lima.
    await (await sale("2026-06-01T04:59:00Z", ["20000", "10000"])).sold;
    await expectLimit(await sale("2026-06-01T04:59:30Z", ["0.01"]), /En mayo de 2026 ya vendió 30,000\.00 gal/);
    // 2026-06-01T05:00:00Z is 1 June 00:00 in Lima: a new month.
    await (await sale("2026-06-01T05:00:00Z", ["20000", "10000"])).sold;
    await expectLimit(await sale("2026-06-30T15:00:00Z", ["0.01"]), /En junio de 2026 ya vendió 30,000\.00 gal/);
  });

  it("each client has its own 30,000; rejected sales do not count; other sellers have no such limit", async () => {
    const first = await sale("2026-07-02T15:00:00Z", ["20000", "10000"]);
    await first.sold;
    await (await sale("2026-07-03T15:00:00Z", ["20000"], "distribuidor", world.actors.otherBuyer)).sold;
    await (await sale("2026-07-03T16:00:00Z", ["20000", "20000"], "envasadora")).sold;
    // The first sale never arrives: rejected, it no longer counts.
    await rejectOrder(ctx, world.actors.buyer, { code: first.code, reason: "El producto no llegó al establecimiento." });
    await (await sale("2026-07-04T15:00:00Z", ["20000", "10000"])).sold;
    // A lot rejected at closure was not delivered either.
    const partly = await sale("2026-08-02T15:00:00Z", ["20000", "10000"]);
    await partly.sold;
    await closeOrder(ctx, world.actors.buyer, { code: partly.code, lots: [{ position: 1, rejected: false, receivedVolume: "20000" }, { position: 2, rejected: true }] });
    await (await sale("2026-08-03T15:00:00Z", ["10000"])).sold;
    await expectLimit(await sale("2026-08-04T15:00:00Z", ["0.01"]), /ya vendió 30,000\.00 gal/);
  });

  it("two sales at the same moment cannot both fit the month", async () => {
    for (let round = 0; round < 5; round++) {
      ctx.clock.set(`2026-${String(round + 1).padStart(2, "0")}-10T15:00:00Z`);
      const codes: string[] = [];
      for (let i = 0; i < 2; i++) {
        const { code } = await registerOrder(ctx, world.actors.buyer, { sellerType: "DISTRIBUIDOR_A_GRANEL", sellerId: world.agents.distribuidor.id, volume: "20000", deliveryDate: "2026-01-10" });
        codes.push(code);
      }
      const results = await Promise.allSettled(
        codes.map((code, i) => sellOrder(ctx, world.actors.distribuidor, { code, lots: [{ ...lotOn(world, "distribuidor", i), volume: "20000" }] })),
      );
      expect(results.filter((result) => result.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect((results.find((result) => result.status === "rejected") as PromiseRejectedResult).reason.code).toBe("LIMITE_MENSUAL_DISTRIBUIDOR");
    }
  });
});
