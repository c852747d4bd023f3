/**
 * Each transition is one guarded write (lib/db/sql.ts writeGuarded): on PostgreSQL one
 * data-modifying CTE, on SQLite the guard and its writes in one transaction. What could differ
 * from the recipe it replaced: a write whose guard no longer holds must leave no row behind (no
 * movement, outbox event, lot or capacity change), a failing write must undo the guard, two sales
 * of one order at once must leave exactly one sale — and on PostgreSQL a transition must cost the
 * round trips it promises (a read and the write).
 */
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/lib/db/database";
import { GUARD_HELD, sql } from "@/lib/db/sql";
import type { DomainError } from "@/lib/errors";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { applyTransition, loadOrderFor } from "@/lib/orders/transition";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, flowAOrder, flowBOrder, lotOn, seedPorCerrarOrder, seedSolicitadoOrder, seedVendidoOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("guarded writes on %s", (engine) => {
  let test: TestDatabase;
  let second: Database;
  let world: World;
  let contexts: ReturnType<typeof testContext>[];

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    second = createDatabase(test.url, { poolSize: 20 });
    world = await buildWorld(test.db);
    contexts = [testContext(test.db), testContext(second)];
  });
  afterAll(async () => {
    await second.close();
    await test.drop();
  });

  /** Everything a transition writes, for one order. */
  async function footprint(code: string) {
    const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: { orderBy: { position: "asc" } }, movements: true } });
    const events = await test.db.prisma.outboxEvent.count({ where: { orderId: order.id } });
    const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: order.buyerId }, select: { committedVolume: true } });
    return { order, events, committed: buyer.committedVolume };
  }

  it("writes the guard's writes only when the guard changed a row, and returns its rows", async () => {
    await test.db.sql.run(sql`INSERT INTO counters (name, value) VALUES (${"guard-a"}, ${1}), (${"guard-b"}, ${0})`);
    const write = (expected: number) =>
      test.db.sql.writeGuarded<{ value: number }>(sql`UPDATE counters SET value = value + 1 WHERE name = ${"guard-a"} AND value = ${expected} RETURNING value`, [
        sql`UPDATE counters SET value = value + 10 WHERE name = ${"guard-b"} AND ${GUARD_HELD}`,
        sql`INSERT INTO counters (name, value) SELECT ${`guard-${expected}`}, ${expected} WHERE ${GUARD_HELD}`,
      ]);
    expect((await write(1)).map((row) => Number(row.value))).toEqual([2]);
    expect(await write(1)).toEqual([]); // the guard no longer holds: nothing more is written
    const rows = await test.db.prisma.counter.findMany({ where: { name: { startsWith: "guard-" } }, orderBy: { name: "asc" } });
    expect(rows.map((row) => [row.name, row.value])).toEqual([
      ["guard-1", 1],
      ["guard-a", 2],
      ["guard-b", 10],
    ]);
  });

  it("undoes the guard when one of its writes fails", async () => {
    await test.db.sql.run(sql`INSERT INTO counters (name, value) VALUES (${"undo-a"}, ${1})`);
    await expect(
      test.db.sql.writeGuarded(sql`UPDATE counters SET value = value + 1 WHERE name = ${"undo-a"} RETURNING value`, [
        // the primary key refuses a second counter of the same name
        sql`INSERT INTO counters (name, value) SELECT ${"undo-a"}, ${5} WHERE ${GUARD_HELD}`,
      ]),
    ).rejects.toThrow();
    expect(await test.db.prisma.counter.findUnique({ where: { name: "undo-a" } })).toMatchObject({ value: 1 });
  });

  it("a transition written from an order that changed meanwhile is refused and leaves no row behind", async () => {
    const ctx = contexts[0];
    const code = await seedPorCerrarOrder(ctx, world, "B", ["300", "200"]);
    // The buyer reads the order to close it; meanwhile another request rejects it.
    const { order } = await loadOrderFor(test.db.sql, world.actors.buyer, code, "CERRAR", { lots: true });
    await rejectOrder(ctx, world.actors.buyer, { code, reason: "Llegó otra cisterna" });
    const before = await footprint(code);
    const error = await applyTransition(
      test.db.sql,
      order,
      { actor: world.actors.buyer, at: ctx.now(), event: "CERRADO", to: "CERRADO", data: { endedAt: ctx.now() } },
      order.lots.map((lot) => sql`UPDATE lots SET received_volume = ${lot.soldVolume} WHERE id = ${lot.id} AND ${GUARD_HELD}`),
    ).then(
      () => null,
      (e: DomainError) => e,
    );
    expect(error?.code).toBe("ORDEN_MODIFICADA");
    expect(error?.kind).toBe("conflict");
    expect(await footprint(code)).toEqual(before);
    expect(before.order.lots.every((lot) => lot.receivedVolume === null && lot.rejected)).toBe(true);
  });

  it("two sales of one order at once: one wins, the other is refused as a conflict and writes nothing", async () => {
    for (let round = 0; round < 10; round++) {
      const code = await seedSolicitadoOrder(contexts[0], world, "A", "500");
      const [first, other] = await Promise.allSettled([
        sellOrder(contexts[round % 2], world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora", 0), volume: "500" }] }),
        sellOrder(contexts[(round + 1) % 2], world.actors.envasadora, {
          code,
          lots: [
            { ...lotOn(world, "envasadora", 1), volume: "200" },
            { ...lotOn(world, "envasadora", 2), volume: "300" },
          ],
        }),
      ]);
      const winners = [first, other].filter((result) => result.status === "fulfilled");
      expect(winners, `round ${round}`).toHaveLength(1);
      const loser = [first, other].find((result): result is PromiseRejectedResult => result.status === "rejected")!;
      expect(["TRANSICION_NO_PERMITIDA", "ORDEN_MODIFICADA"]).toContain((loser.reason as DomainError).code);
      expect((loser.reason as DomainError).kind).toBe("conflict");

      const { order, events } = await footprint(code);
      expect(order.state).toBe("POR_CERRAR");
      expect(order.version).toBe(1);
      expect(order.movements.map((movement) => movement.event).sort()).toEqual(["SOLICITADO", "VENDIDO"]);
      expect(events).toBe(2);
      // exactly the winner's lots
      expect(order.lots.map((lot) => lot.soldVolume)).toEqual(first.status === "fulfilled" ? [50_000] : [20_000, 30_000]);
      await annulOrDrop(code);
    }
  });

  it("two dispatches of one order at once: one set of dispatched lots", async () => {
    for (let round = 0; round < 6; round++) {
      const code = await seedVendidoOrder(contexts[0], world, "400");
      const results = await Promise.allSettled([
        dispatchOrder(contexts[round % 2], world.actors.planta, { code, lots: [{ position: 1, volume: "400" }] }),
        dispatchOrder(contexts[(round + 1) % 2], world.actors.planta, { code, lots: [{ position: 1, volume: "399" }] }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const { order, events } = await footprint(code);
      expect(order.movements.filter((movement) => movement.event === "DESPACHADO")).toHaveLength(1);
      expect(events).toBe(3);
      expect(order.lots[0].dispatchedVolume).toBe(results[0].status === "fulfilled" ? 40_000 : 39_900);
      await annulOrDrop(code);
    }
  });

  /** Ends an order so the buyer's capacity is free for the next round. */
  async function annulOrDrop(code: string) {
    const { order } = await footprint(code);
    if (order.state === "POR_CERRAR") {
      await closeOrder(contexts[0], world.actors.buyer, {
        code,
        lots: order.lots.map((lot) => ({ position: lot.position, rejected: false, receivedVolume: String(lot.soldVolume / 100) })),
      });
    } else if (order.state === "SOLICITADO") {
      await annulOrder(contexts[0], world.actors.buyer, { code });
    }
  }
});

describe("round trips of a transition on postgresql", () => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let sent: string[] = [];
  const query = pg.Client.prototype.query;

  beforeAll(async () => {
    test = await createTestDatabase("postgresql");
    world = await buildWorld(test.db);
    ctx = testContext(test.db);
    // Every statement any pg client of this process sends, as the server receives them.
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const config = args[0] as string | { text: string };
      sent.push(typeof config === "string" ? config : config.text);
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query;
  });
  afterAll(async () => {
    pg.Client.prototype.query = query;
    await test.drop();
  });
  afterEach(() => {
    sent = [];
  });

  async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
    sent = [];
    await work();
    return [...sent];
  }

  it("vender, despachar, cerrar, rechazar and anular: one read and one write each", async () => {
    const a = await seedSolicitadoOrder(ctx, world, "A", "700");
    expect(await statementsOf(() => sellOrder(ctx, world.actors.envasadora, { code: a, lots: [{ ...lotOn(world, "envasadora"), volume: "700" }] }))).toHaveLength(2);
    const closing = await statementsOf(() => closeOrder(ctx, world.actors.buyer, { code: a, lots: [{ position: 1, rejected: false, receivedVolume: "700" }] }));
    expect(closing).toHaveLength(2);
    expect(closing[1]).toMatch(/^WITH guarded AS \(UPDATE orders/);

    const b = await seedSolicitadoOrder(ctx, world, "B", "800");
    expect(
      await statementsOf(() =>
        sellOrder(ctx, world.actors.comercializador, {
          code: b,
          lots: [
            { ...lotOn(world, "comercializador"), volume: "500" },
            { ...lotOn(world, "comercializador", 1), volume: "300" },
          ],
        }),
      ),
    ).toHaveLength(2);
    expect(
      await statementsOf(() =>
        dispatchOrder(ctx, world.actors.planta, {
          code: b,
          lots: [
            { position: 1, volume: "500" },
            { position: 2, volume: "300", plate: lotOn(world, "comercializador", 2).plate },
          ],
        }),
      ),
    ).toHaveLength(2);
    expect(await statementsOf(() => rejectOrder(ctx, world.actors.buyer, { code: b, reason: "No llegó" }))).toHaveLength(2);

    const c = await seedSolicitadoOrder(ctx, world, "A", "100");
    expect(await statementsOf(() => annulOrder(ctx, world.actors.buyer, { code: c }))).toHaveLength(2);
  });

  it("a refusal by the rules costs the one read and writes nothing", async () => {
    const code = await seedSolicitadoOrder(ctx, world, "A", "100");
    const statements = await statementsOf(() =>
      sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "200" }] }).catch((error: DomainError) => {
        expect(error.code).toBe("VENTA_EXCEDE_SOLICITADO");
      }),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^SELECT/);
  });

  it("registrar: the parties' read, then the number and the guarded write in one transaction", async () => {
    const statements = await statementsOf(() => registerOrder(ctx, world.actors.buyer, flowBOrder(world, "100")));
    expect(statements.map((text) => text.split(/\s/)[0])).toEqual(["BEGIN", "SELECT", "SELECT", "WITH", "COMMIT"]);
    await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "100"));
  });
});
