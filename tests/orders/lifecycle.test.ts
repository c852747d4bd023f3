import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { isValidAuthorizationCode } from "@/lib/authorization-code/code";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, lotOn, flowAOrder, flowBOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("order lifecycle on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  const movementsOf = (code: string) =>
    test.db.prisma.movement.findMany({ where: { order: { code } }, orderBy: { id: "asc" }, select: { event: true, state: true } });

  it("flow a: registered, sold in two lots, closed with one lot received and one rejected", async () => {
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "3100.50"));
    expect(isValidAuthorizationCode(code)).toBe(true);
    ctx.clock.advance(60_000);
    await sellOrder(ctx, world.actors.envasadora, {
      code,
      lots: [
        { ...lotOn(world, "envasadora"), volume: "2000" },
        { ...lotOn(world, "envasadora", 1), volume: "1100.50" },
      ],
    });
    ctx.clock.advance(60_000);
    const closed = await closeOrder(ctx, world.actors.buyer, {
      code,
      lots: [
        { position: 1, rejected: false, receivedVolume: "1999.99" },
        { position: 2, rejected: true },
      ],
    });
    expect(closed).toMatchObject({ state: "CERRADO", daysLate: 0 });

    const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: { orderBy: { position: "asc" } } } });
    expect(order.state).toBe("CERRADO");
    expect(order.requestedVolume).toBe(310050);
    expect(order.lots.map((lot) => [lot.soldVolume, lot.receivedVolume, lot.rejected])).toEqual([
      [200000, 199999, false],
      [110050, null, true],
    ]);
    expect(await movementsOf(code)).toEqual([
      { event: "SOLICITADO", state: "SOLICITADO" },
      { event: "VENDIDO", state: "POR_CERRAR" },
      { event: "CERRADO", state: "CERRADO" },
    ]);
    const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
    expect(buyer.committedVolume).toBe(0);
  });

  it("flow b: registered, sold, dispatched by the plant, closed", async () => {
    const { code } = await registerOrder(ctx, world.actors.buyer, flowBOrder(world, "500"));
    await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "500" }] });
    expect((await test.db.prisma.order.findUniqueOrThrow({ where: { code } })).state).toBe("VENDIDO");
    await dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "499.5" }] });
    await closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "499.5" }] });
    expect(await movementsOf(code)).toEqual([
      { event: "SOLICITADO", state: "SOLICITADO" },
      { event: "VENDIDO", state: "VENDIDO" },
      { event: "DESPACHADO", state: "POR_CERRAR" },
      { event: "CERRADO", state: "CERRADO" },
    ]);
  });

  it("annul frees the capacity it reserved", async () => {
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "10000"));
    await expect(registerOrder(ctx, world.actors.buyer, flowAOrder(world, "1"))).rejects.toMatchObject({ code: "CAPACIDAD_INSUFICIENTE" });
    await annulOrder(ctx, world.actors.buyer, { code });
    const again = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "10000"));
    expect(await test.db.prisma.order.findUniqueOrThrow({ where: { code: again.code } })).toMatchObject({ state: "SOLICITADO", requestedVolume: 1_000_000 });
    expect(await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } })).toMatchObject({ committedVolume: 1_000_000 });
  });
});
