import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { annulOrder } from "@/lib/orders/annul-order";
import { orderPageFor } from "@/lib/orders/order-pages";
import { registerOrder } from "@/lib/orders/register-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, flowAOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("the buyer's lists page by page on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  const codes: string[] = [];

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
    // Seven orders; the 3rd and 4th at the same instant, so the id must break the tie.
    for (let i = 0; i < 7; i++) {
      if (i !== 3) ctx.clock.advance(60_000);
      codes.push((await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "10"))).code);
    }
    await annulOrder(ctx, world.actors.buyer, { code: codes[1] });
  });
  afterAll(() => test.drop());

  const page = (cursor: string | undefined, filter = {}, viewer = world.actors.buyer) =>
    orderPageFor(test.db, viewer, filter, cursor, 3);

  it("walks every order once, newest first, three a page", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    for (;;) {
      const result = await page(cursor);
      sizes.push(result.orders.length);
      seen.push(...result.orders.map((order) => order.code));
      if (!result.next) break;
      cursor = result.next;
    }
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual([...codes].reverse());
  });

  it("keeps the state filter across pages (Anulación lists only SOLICITADO)", async () => {
    const first = await page(undefined, { states: ["SOLICITADO"] });
    const second = await page(first.next!, { states: ["SOLICITADO"] });
    expect(second.next).toBeNull();
    expect([...first.orders, ...second.orders].map((order) => order.code)).toEqual([...codes].reverse().filter((code) => code !== codes[1]));
  });

  it("finds one order by its code, and another buyer's order not at all", async () => {
    expect((await page(undefined, { code: codes[4] })).orders.map((order) => order.code)).toEqual([codes[4]]);
    expect((await page(undefined, { code: codes[4] }, world.actors.otherBuyer)).orders).toEqual([]);
  });

  it("starts over at the first page with a cursor that is not one of its own", async () => {
    expect((await page("no-es-un-cursor")).orders.map((order) => order.code)).toEqual([...codes].reverse().slice(0, 3));
  });
});
