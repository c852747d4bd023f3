/**
 * The plain-SQL runner of the hot path (lib/db/sql.ts) and its row models (lib/db/rows.ts):
 * - each row model covers every field of its Prisma model, and reads a row exactly as Prisma does;
 * - its transactions roll back whole, and on SQLite a Prisma write made while one is open neither
 *   joins it nor is lost with it (they share one connection and one lock).
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT, LOT, ORDER, TRUCK } from "@/lib/db/rows";
import { fromSqlDate, toSqlDate } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/sqlite/client";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, seedPorCerrarOrder, testContext, type World } from "../support/world";

describe("dates as stored", () => {
  it("writes Prisma's text and reads it, SQL's own text and PostgreSQL's timestamps back as UTC", () => {
    const at = new Date("2026-11-26T04:59:59.123Z");
    expect(toSqlDate(at)).toBe("2026-11-26T04:59:59.123+00:00");
    expect(fromSqlDate(toSqlDate(at))).toEqual(at);
    expect(fromSqlDate("2026-11-26 04:59:59.123")).toEqual(at);
    expect(fromSqlDate("2026-11-26 04:59:59")).toEqual(new Date("2026-11-26T04:59:59Z"));
  });
});

describe.each(ENGINES)("plain SQL on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let code: string;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    code = await seedPorCerrarOrder(testContext(test.db), world, "B");
  });
  afterAll(() => test.drop());

  it("the row models list every field of Agent, Order, Lot and Truck", () => {
    for (const [model, fields] of [
      [AGENT, Prisma.AgentScalarFieldEnum],
      [ORDER, Prisma.OrderScalarFieldEnum],
      [LOT, Prisma.LotScalarFieldEnum],
      [TRUCK, Prisma.TruckScalarFieldEnum],
    ] as const) {
      const select = model.select("t");
      for (const field of Object.keys(fields)) expect(select).toContain(`AS "${field}"`);
      expect(select.split(" AS ").length - 1).toBe(Object.keys(fields).length);
    }
  });

  it("reads an order, its lots and its parties exactly as Prisma does", async () => {
    const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: { orderBy: { position: "asc" } } } });
    const [row] = await test.db.sql.all(`SELECT ${ORDER.select("o")} FROM orders o WHERE o.code = ?`, [code]);
    const { lots, ...fields } = order;
    expect(ORDER.from(row)).toEqual(fields);
    const lotRows = await test.db.sql.all(`SELECT ${LOT.select("l")} FROM lots l WHERE l.order_id = ? ORDER BY l.position`, [order.id]);
    expect(lotRows.map(LOT.from)).toEqual(lots);
    expect(lots.length).toBeGreaterThan(0);
    const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: order.buyerId } });
    const [agentRow] = await test.db.sql.all(`SELECT ${AGENT.select("a")} FROM agents a WHERE a.id = ?`, [order.buyerId]);
    expect(AGENT.from(agentRow)).toEqual(buyer);
  });

  it("a failed transaction leaves nothing of what it wrote", async () => {
    const failure = await test.db.sql
      .transaction(async (tx) => {
        await tx.run("INSERT INTO counters (name, value) VALUES (?, ?)", ["sql-doomed", 1]);
        throw new Error("fails after writing");
      })
      .catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await test.db.prisma.counter.findUnique({ where: { name: "sql-doomed" } })).toBeNull();
  });

  it("a Prisma write made while a plain-SQL transaction is open is kept when that transaction fails", async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const failing = test.db.sql
      .transaction(async (tx) => {
        await tx.run("INSERT INTO counters (name, value) VALUES (?, ?)", ["sql-doomed-2", 1]);
        entered();
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error("the plain-SQL transaction fails");
      })
      .catch((error: Error) => error);
    await inside;
    await test.db.prisma.counter.create({ data: { name: "prisma-ack", value: 1 } });
    expect(await failing).toBeInstanceOf(Error);
    expect(await test.db.prisma.counter.findUnique({ where: { name: "prisma-ack" } })).toMatchObject({ value: 1 });
    expect(await test.db.prisma.counter.findUnique({ where: { name: "sql-doomed-2" } })).toBeNull();
  });
});

describe("the PostgreSQL pool", () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase("postgresql");
  });
  afterAll(() => test.drop());

  it("survives PostgreSQL closing its idle connections: the next statement opens another", async () => {
    await test.db.sql.all("SELECT 1 AS one");
    // No Prisma call: while Prisma is connected its adapter listens to the pool's errors itself.
    const admin = new pg.Client({ connectionString: test.url });
    await admin.connect();
    const { rows } = await admin.query(
      "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    await admin.end();
    expect(rows.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await test.db.sql.all<{ one: number }>("SELECT 1 AS one")).toEqual([{ one: 1 }]);
  });
});
