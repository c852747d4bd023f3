/**
 * Concurrency: capacity is never over-committed and a transition that lost a race changes
 * nothing. On SQLite the requests also come through two independent connections to the same file
 * (as two server processes would), so SQLite's own locking is exercised, not only our mutex.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/lib/db/database";
import type { DomainError } from "@/lib/errors";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, lotOn, flowAOrder, flowBOrder, seedPorCerrarOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("races on %s", (engine) => {
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

  it("60 concurrent registrations for one buyer fill its capacity exactly and never beyond", async () => {
    // 10,000 gal of capacity, 60 × 400 gal asked at once: exactly 25 fit.
    const attempts = Array.from({ length: 60 }, (_, i) =>
      registerOrder(contexts[i % 2], world.actors.buyer, i % 3 ? flowAOrder(world, "400") : flowBOrder(world, "400")),
    );
    const results = await Promise.allSettled(attempts);
    const ok = results.filter((result) => result.status === "fulfilled");
    const refused = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
    expect(ok).toHaveLength(25);
    for (const failure of refused) expect((failure.reason as DomainError).code).toBe("CAPACIDAD_INSUFICIENTE");

    const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
    const open = await test.db.prisma.order.aggregate({ where: { buyerId: buyer.id, state: "SOLICITADO" }, _sum: { requestedVolume: true }, _count: true });
    expect(buyer.committedVolume).toBe(buyer.storageCapacity);
    expect(open._sum.requestedVolume).toBe(buyer.storageCapacity);
    expect(open._count).toBe(25);
    expect(await test.db.prisma.movement.count({ where: { order: { buyerId: buyer.id } } })).toBe(25);
    const codes = await test.db.prisma.order.findMany({ select: { code: true } });
    expect(new Set(codes.map((order) => order.code)).size).toBe(codes.length);

    // Free it again for the next tests.
    for (const { code } of codes) await annulOrder(contexts[0], world.actors.buyer, { code });
  });

  it("vender and anular at the same moment: exactly one wins, the other is refused and changes nothing", async () => {
    for (let round = 0; round < 15; round++) {
      const code = await seedSolicitadoOrder(contexts[0], world, "A", "100");
      const [sold, annulled] = await Promise.allSettled([
        sellOrder(contexts[round % 2], world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "100" }] }),
        annulOrder(contexts[(round + 1) % 2], world.actors.buyer, { code }),
      ]);
      const winners = [sold, annulled].filter((result) => result.status === "fulfilled");
      expect(winners, `round ${round}`).toHaveLength(1);
      const loser = [sold, annulled].find((result): result is PromiseRejectedResult => result.status === "rejected")!;
      expect(["TRANSICION_NO_PERMITIDA", "ORDEN_MODIFICADA"]).toContain((loser.reason as DomainError).code);
      expect((loser.reason as DomainError).kind).toBe("conflict");

      const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: true, movements: true } });
      expect(order.state).toBe(sold.status === "fulfilled" ? "POR_CERRAR" : "ANULADO");
      expect(order.movements).toHaveLength(2);
      expect(order.lots).toHaveLength(sold.status === "fulfilled" ? 1 : 0);
      if (sold.status === "fulfilled") await closeOrder(contexts[0], world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "100" }] });
    }
    const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
    expect(buyer.committedVolume).toBe(0);
  });

  it("cerrar and rechazar at the same moment: one wins, capacity is freed once", async () => {
    for (let round = 0; round < 10; round++) {
      const code = await seedPorCerrarOrder(contexts[0], world, round % 2 ? "A" : "B", ["300"]);
      const before = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
      const results = await Promise.allSettled([
        closeOrder(contexts[round % 2], world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "300" }] }),
        rejectOrder(contexts[(round + 1) % 2], world.actors.buyer, { code, reason: "Llegó otra cisterna" }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      const after = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
      expect(after.committedVolume).toBe(before.committedVolume - 30_000);
      const movements = await test.db.prisma.movement.findMany({ where: { order: { code } } });
      expect(movements.filter((m) => m.event === "CERRADO" || m.event === "RECHAZADO")).toHaveLength(1);
    }
  });
});
