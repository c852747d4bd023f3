import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerOrder } from "@/lib/orders/register-order";
import { orderSummaryInclude, type OrderSummary } from "@/lib/orders/queries";
import { orderFilterSchema } from "@/lib/regulator/order-filter";
import { decodeCursor, orderQuery, searchOrders } from "@/lib/regulator/order-search";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, flowAOrder, seedCerradoOrder, seedPorCerrarOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("Movimientos search on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let all: OrderSummary[];

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    await test.db.prisma.agent.update({ where: { id: world.agents.otherBuyer.id }, data: { department: "Cusco", province: "Cusco", district: "Cusco" } });
    const ctx = testContext(test.db);
    ctx.clock.set("2026-03-09T15:00:00Z");
    await seedSolicitadoOrder(ctx, world, "A");
    // Two orders at the same instant: the id breaks the tie, on every page boundary.
    await seedSolicitadoOrder(ctx, world, "B");
    await registerOrder(ctx, world.actors.otherBuyer, flowAOrder(world, "20"));
    ctx.clock.set("2026-03-10T15:00:00Z");
    await seedCerradoOrder(ctx, world, "B");
    await seedPorCerrarOrder(ctx, world, "A");
    ctx.clock.set("2026-03-11T15:00:00Z");
    await registerOrder(ctx, world.actors.otherBuyer, flowAOrder(world, "30"));
    await seedSolicitadoOrder(ctx, world, "B");
    all = await test.db.prisma.order.findMany({ include: orderSummaryInclude, orderBy: [{ requestedAt: "desc" }, { id: "desc" }] });
  });
  afterAll(() => test.drop());

  /** Every page of `pageSize`, following the cursors, as the codes in order. */
  async function pages(input: Record<string, string>, selectiveOrders?: number): Promise<string[]> {
    const filter = orderFilterSchema.parse(input);
    const codes: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { orders: OrderSummary[]; next: string | null } = await searchOrders(
        test.db,
        filter,
        decodeCursor(cursor ?? undefined),
        2,
        await orderQuery(test.db, filter, selectiveOrders),
      );
      codes.push(...page.orders.map((order) => order.code));
      cursor = page.next;
    } while (cursor);
    return codes;
  }

  const parties = (order: OrderSummary) => [order.buyer, order.seller, order.plant].filter((party) => party !== null);

  // Inputs are functions: the world exists only once beforeAll has run.
  const cases: [string, () => Record<string, string>, (order: OrderSummary) => boolean][] = [
    ["no filter", () => ({}), () => true],
    ["state", () => ({ state: "SOLICITADO" }), (order) => order.state === "SOLICITADO"],
    ["a day in Lima", () => ({ from: "2026-03-10", to: "2026-03-10" }), (order) => order.requestedAt.toISOString().startsWith("2026-03-10")],
    ["the buyer's department", () => ({ department: "Cusco" }), (order) => order.buyerId === world.agents.otherBuyer.id],
    ["department and state", () => ({ department: "Lima", state: "SOLICITADO" }), (order) => order.buyerId !== world.agents.otherBuyer.id && order.state === "SOLICITADO"],
    ["an agent by name, any party", () => ({ agent: "Fermiones" }), (order) => order.sellerId === world.agents.envasadora.id],
    // a name typed in any letter case finds it on both engines (PostgreSQL's LIKE alone would not)
    ["an agent by name in other letter case", () => ({ agent: "fERMIONES" }), (order) => order.sellerId === world.agents.envasadora.id],
    ["an agent by RUC", () => ({ agent: world.agents.planta.ruc }), (order) => order.plantId === world.agents.planta.id],
    ["an agent type", () => ({ agentType: "GASOCENTRO" }), (order) => parties(order).some((party) => party.type === "GASOCENTRO")],
    ["a RUC of another type", () => ({ agent: world.agents.buyer.ruc, agentType: "GASOCENTRO" }), () => false],
  ];

  it.each(cases)("%s: every page in order, newest and oldest first, whichever way the query is shaped", async (_, inputOf, matches) => {
    const input = inputOf();
    const expected = all.filter(matches).map((order) => order.code);
    for (const selectiveOrders of [undefined, 1]) {
      expect(await pages(input, selectiveOrders)).toEqual(expected);
      expect(await pages({ ...input, sort: "antiguas" }, selectiveOrders)).toEqual([...expected].reverse());
    }
  });

  it("the code finds its one order", async () => {
    expect(await pages({ code: all[3].code, department: "Lima" })).toEqual([all[3].code]);
  });
});
