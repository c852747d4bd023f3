/**
 * Idempotency-Key: a POST's work and its stored answer are one transaction (answerOnce). Run on
 * both engines, because a duplicate arriving at the same time is stopped differently: SQLite
 * serialises the writers, PostgreSQL makes the second wait on the key's unique index.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOnce, replayOf, requestHash, type IdempotencyRequest, type IdempotentAnswer } from "@/lib/api/idempotency";
import { createApiKey } from "@/lib/api/keys";
import { createDatabase, type Database } from "@/lib/db/database";
import type { OrdersDatabase } from "@/lib/orders/context";
import { registerOrder } from "@/lib/orders/register-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, flowAOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("idempotency on %s", (engine) => {
  let test: TestDatabase;
  let second: Database;
  let world: World;
  let apiKeyId: number;
  let serial = 0;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    second = createDatabase(test.url);
    world = await buildWorld(test.db);
    ({ id: apiKeyId } = await createApiKey(test.db, world.actors.buyer, "Idempotencia"));
  });
  afterAll(async () => {
    await second.close();
    await test.drop();
  });

  const requestFor = (body: object): IdempotencyRequest => ({
    apiKeyId,
    key: `k-${++serial}`,
    method: "POST",
    path: "/api/v1/orders",
    requestHash: requestHash(JSON.stringify(body)),
  });

  /** The API's registration: an order, answered 201 with its code. */
  const register = (volume: string) => async (db: OrdersDatabase): Promise<IdempotentAnswer> => {
    const order = await registerOrder({ ...testContext(test.db), db }, world.actors.buyer, flowAOrder(world, volume));
    return { status: 201, body: { code: order.code } };
  };

  /** The buyer's committed volume is exactly its open orders': nothing rolled back left capacity behind. */
  const expectCapacityOfOpenOrders = async () => {
    const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
    const open = await test.db.prisma.order.aggregate({ where: { buyerId: buyer.id, state: "SOLICITADO" }, _sum: { requestedVolume: true } });
    expect(buyer.committedVolume).toBe(open._sum.requestedVolume);
  };

  const ordersOfVolume = (gallons: number) => test.db.prisma.order.count({ where: { requestedVolume: gallons * 100 } });

  it("a repeat gets the stored answer, and what its own work wrote is rolled back", async () => {
    const request = requestFor({ volume: "11" });
    const first = await answerOnce(test.db, request, register("11"));
    const again = await answerOnce(test.db, request, register("11"));
    expect(first.kind).toBe("answered");
    expect(again.kind).toBe("stored");
    const answer = first.kind === "answered" ? first.answer : null;
    expect(again.kind === "stored" && replayOf(again.record, request)).toEqual(answer);
    expect(await ordersOfVolume(11)).toBe(1);
    await expectCapacityOfOpenOrders();
  });

  it("ten duplicates at the same moment, through two connections: one order, and all ten get its code", async () => {
    const request = requestFor({ volume: "12" });
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => answerOnce(i % 2 ? second : test.db, request, register("12"))));
    const codes = outcomes.map((outcome) =>
      outcome.kind === "answered" ? (outcome.answer.body as { code: string }).code : (replayOf(outcome.record, request).body as { code: string }).code,
    );
    expect(new Set(codes).size).toBe(1);
    expect(outcomes.filter((outcome) => outcome.kind === "answered")).toHaveLength(1);
    expect(await ordersOfVolume(12)).toBe(1);
    await expectCapacityOfOpenOrders();
  });

  it("a refusal rolls back what the work wrote, and is stored: a repeat gets the same refusal", async () => {
    const request = requestFor({ volume: "13" });
    const refusal = { status: 422, body: { code: "REGLA" } };
    const refusing = async (db: OrdersDatabase) => (await register("13")(db), refusal);
    const first = await answerOnce(test.db, request, refusing);
    expect(first).toEqual({ kind: "answered", answer: refusal });
    expect(await ordersOfVolume(13)).toBe(0);
    const again = await answerOnce(test.db, request, register("13"));
    expect(again.kind === "stored" && replayOf(again.record, request)).toEqual(refusal);
    expect(await ordersOfVolume(13)).toBe(0);
    await expectCapacityOfOpenOrders();
  });

  it("a 5xx is not stored and writes nothing: a retry with the same key runs the work", async () => {
    const request = requestFor({ volume: "14" });
    const failing = async (db: OrdersDatabase) => (await register("14")(db), { status: 500, body: { code: "ERROR_INTERNO" } });
    expect((await answerOnce(test.db, request, failing)).kind).toBe("answered");
    expect(await ordersOfVolume(14)).toBe(0);
    await expectCapacityOfOpenOrders();
    const retry = await answerOnce(test.db, request, register("14"));
    expect(retry.kind === "answered" && retry.answer.status).toBe(201);
    expect(await ordersOfVolume(14)).toBe(1);
  });

  it("the same key with another body or path is refused", async () => {
    const request = requestFor({ volume: "15" });
    const outcome = await answerOnce(test.db, request, register("15"));
    expect(outcome.kind).toBe("answered");
    const stored = await answerOnce(test.db, request, register("15"));
    if (stored.kind !== "stored") throw new Error("expected the stored answer");
    expect(() => replayOf(stored.record, { ...request, requestHash: requestHash('{"volume":"16"}') })).toThrow(
      expect.objectContaining({ code: "IDEMPOTENCIA_CONFLICTO", status: 422 }),
    );
    expect(() => replayOf(stored.record, { ...request, path: "/api/v1/orders/1/annul" })).toThrow(
      expect.objectContaining({ code: "IDEMPOTENCIA_CONFLICTO", status: 422 }),
    );
    expect(requestHash('{"b":2, "a":1}')).toBe(requestHash('{"a":1,"b":2}'));
  });

  it("the work gets the SQL runner only: Prisma, which would wait for the lock its own transaction holds, is out of its reach", async () => {
    const request = requestFor({ volume: "17" });
    const outcome = await answerOnce(test.db, request, async (db) => {
      // @ts-expect-error the joined database has no Prisma client (typecheck fails if it gains one)
      const prisma: unknown = db.prisma;
      return { status: 200, body: { fields: Object.keys(db), prisma: prisma ?? null } };
    });
    expect(outcome).toEqual({ kind: "answered", answer: { status: 200, body: { fields: ["sql"], prisma: null } } });
  });
});
