/**
 * The plate filter of the API's lists and of Movimientos: a plate with more orders than a query may
 * bind as parameters, paged to the end in the same order as without the filter, and its movements.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { listMovements, listOrdersFor } from "@/lib/orders/queries";
import { orderFilterSchema } from "@/lib/regulator/order-filter";
import { searchOrders, decodeCursor } from "@/lib/regulator/order-search";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { TEST_CODE_SECRET, buildWorld, type World } from "../support/world";

const N = 1_300;

describe.each(ENGINES)("plate filters on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let expected: number[];

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    const codes = new AuthorizationCodeGenerator(TEST_CODE_SECRET);
    const base = Date.parse("2026-01-01T15:00:00Z");
    // Many share an instant: the id breaks the ties. Every third order was carried by F1X-710,
    // some of them only dispatched on it.
    await test.db.prisma.order.createMany({
      data: Array.from({ length: N * 3 }, (_, i) => ({
        id: i + 1,
        code: codes.codeFor(i + 1),
        flow: "A",
        buyerId: world.agents.buyer.id,
        sellerId: world.agents.envasadora.id,
        requestedVolume: 100,
        deliveryDate: "2026-01-02",
        state: "CERRADO",
        requestedAt: new Date(base + Math.floor(i / 4) * 60_000),
      })),
    });
    await test.db.prisma.lot.createMany({
      data: Array.from({ length: N * 3 }, (_, i) => ({
        orderId: i + 1,
        position: 1,
        soldVolume: 100,
        plate: i % 3 === 0 && i % 7 !== 0 ? "F1X-710" : "T8A-870",
        dispatchedPlate: i % 3 === 0 && i % 7 === 0 ? "F1X-710" : null,
        guiaRemision: "T001-00000001",
        factura: "F001-00000001",
      })),
    });
    const movements = Array.from({ length: N * 3 }, (_, i) => ({
      orderId: i + 1,
      event: "SOLICITADO",
      state: "SOLICITADO",
      occurredAt: new Date(base + Math.floor(i / 4) * 60_000),
      userId: world.actors.buyer.userId,
      agentId: world.agents.buyer.id,
    }));
    await test.db.prisma.movement.createMany({ data: movements });
    expected = Array.from({ length: N * 3 }, (_, i) => i + 1)
      .filter((id) => (id - 1) % 3 === 0)
      .sort((a, b) => Math.floor((b - 1) / 4) - Math.floor((a - 1) / 4) || b - a);
  }, 120_000);
  afterAll(() => test.drop());

  it("the API's orders: every order of the plate, page after page, newest first", async () => {
    const seen: number[] = [];
    let after: { requestedAt: Date; id: number } | undefined;
    for (;;) {
      const page = await listOrdersFor(test.db, world.actors.regulator, { plate: "F1X-710", after }, 200);
      seen.push(...page.map((order) => order.id));
      if (page.length < 200) break;
      after = { requestedAt: page[page.length - 1].requestedAt, id: page[page.length - 1].id };
    }
    expect(seen).toEqual(expected);
    // Another buyer sees none of them.
    expect(await listOrdersFor(test.db, world.actors.otherBuyer, { plate: "F1X-710" }, 50)).toEqual([]);
  });

  it("Movimientos: the same orders, both sort orders, across cursors, combined with other filters", async () => {
    for (const sort of ["recientes", "antiguas"] as const) {
      const filter = orderFilterSchema.parse({ plate: "f1x710", sort });
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const page: { orders: { id: number }[]; next: string | null } = await searchOrders(test.db, filter, decodeCursor(cursor ?? undefined), 97);
        seen.push(...page.orders.map((order) => order.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(sort === "recientes" ? expected : [...expected].reverse());
    }
    const none = await searchOrders(test.db, orderFilterSchema.parse({ plate: "F1X-710", state: "ANULADO" }), null, 50);
    expect(none.orders).toEqual([]);
  });

  it("the API's movements of the plate's orders, newest first, by cursor", async () => {
    const first = await listMovements(test.db, { plate: "F1X-710" }, 100);
    expect(first.map((movement) => movement.orderId)).toEqual(expected.slice(0, 100));
    const last = first[first.length - 1];
    const next = await listMovements(test.db, { plate: "F1X-710", after: { occurredAt: last.occurredAt, id: last.id } }, 100);
    expect(next.map((movement) => movement.orderId)).toEqual(expected.slice(100, 200));
    expect(next[0].order.code).toBeTruthy();
  });
});
