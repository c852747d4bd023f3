/**
 * The SQL template and its runners (lib/db/sql.ts, lib/db/engine.ts) and the row models (lib/db/rows.ts):
 * - a template binds every value and renders each engine difference in that engine's SQL;
 * - each row model covers every field of its Prisma model, and reads a row exactly as Prisma does;
 * - the engine differences (Lima day, days between, LIKE ignoring case) give the same answers on both;
 * - its transactions roll back whole, and on SQLite a Prisma write made while one is open neither
 *   joins it nor is lost with it (they share one connection and one lock);
 * - a snapshot's reads do not see a write committed meanwhile.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectOf } from "@/lib/db/engine";
import { AGENT, IDEMPOTENCY_RECORD, LOT, ORDER, TRUCK } from "@/lib/db/rows";
import { containsIgnoringCase, fromSqlDate, limaDay, limaDaysBetween, render, sql, toSqlDate } from "@/lib/db/sql";
import { Prisma } from "@/lib/generated/sqlite/client";
import { createDatabase } from "@/lib/db/database";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, seedPorCerrarOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";

describe("dates as stored", () => {
  it("writes Prisma's text and reads it, SQL's own text and PostgreSQL's timestamps back as UTC", () => {
    const at = new Date("2026-11-26T04:59:59.123Z");
    expect(toSqlDate(at)).toBe("2026-11-26T04:59:59.123+00:00");
    expect(fromSqlDate(toSqlDate(at))).toEqual(at);
    expect(fromSqlDate("2026-11-26 04:59:59.123")).toEqual(at);
    expect(fromSqlDate("2026-11-26 04:59:59")).toEqual(new Date("2026-11-26T04:59:59Z"));
  });
});

describe("the SQL template", () => {
  const sqlite = dialectOf("sqlite");
  const postgresql = dialectOf("postgresql");

  it("binds every value, numbers PostgreSQL's placeholders, and composes fragments", () => {
    const name = "O'Brien; DROP TABLE orders";
    const where = sql.join([sql`a.ruc = ${"20100000001"}`, sql`a.business_name = ${name}`], " OR ");
    const query = sql`SELECT a.id FROM agents a WHERE (${where}) AND a.id IN (${sql.join([1, 2, 3])}) ${sql.empty}LIMIT ${10}`;
    expect(render(query, sqlite)).toEqual({
      text: "SELECT a.id FROM agents a WHERE (a.ruc = ? OR a.business_name = ?) AND a.id IN (?, ?, ?) LIMIT ?",
      values: ["20100000001", name, 1, 2, 3, 10],
    });
    expect(render(query, postgresql).text).toBe("SELECT a.id FROM agents a WHERE (a.ruc = $1 OR a.business_name = $2) AND a.id IN ($3, $4, $5) LIMIT $6");
    expect(query.prepared).toBe(false);
    expect(sql.prepared`SELECT 1`.prepared).toBe(true);
  });

  it("composes a fragment made by another copy of the module (Next.js's build loads it once per server chunk)", async () => {
    // @ts-expect-error a second instance of the same module, as a second server chunk has
    const copy = (await import("@/lib/db/sql.ts?another-chunk")) as typeof import("@/lib/db/sql");
    expect(copy.sql).not.toBe(sql);
    const query = sql`SELECT ${copy.sql.raw("o.code")} FROM orders o WHERE o.id IN (${copy.sql.join([7, 8])}) AND ${copy.limaDay(sql`o.requested_at`)} = ${"2026-03-10"}`;
    expect(render(query, sqlite)).toEqual({
      text: "SELECT o.code FROM orders o WHERE o.id IN (?, ?) AND date(o.requested_at, '-5 hours') = ?",
      values: [7, 8, "2026-03-10"],
    });
  });

  it("writes each engine difference in that engine's SQL", () => {
    const day = limaDay(sql`o.requested_at`);
    expect(render(day, sqlite).text).toBe("date(o.requested_at, '-5 hours')");
    expect(render(day, postgresql).text).toBe("to_char(o.requested_at - interval '5 hours', 'YYYY-MM-DD')");
    const like = containsIgnoringCase(sql`business_name`, "gas");
    expect(render(like, sqlite)).toEqual({ text: "business_name LIKE ('%' || ? || '%')", values: ["gas"] });
    expect(render(like, postgresql)).toEqual({ text: "business_name ILIKE ('%' || $1 || '%')", values: ["gas"] });
  });

  it("binds dates as stored text and booleans as each engine stores them", () => {
    const at = new Date("2026-03-10T05:00:00.000Z");
    expect([at, true, undefined].map(sqlite.bind)).toEqual(["2026-03-10T05:00:00.000+00:00", 1, null]);
    expect([at, true, undefined].map(postgresql.bind)).toEqual(["2026-03-10T05:00:00.000+00:00", true, null]);
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

  it("the row models list every field of Agent, Order, Lot, Truck and IdempotencyRecord", () => {
    for (const [model, fields] of [
      [AGENT, Prisma.AgentScalarFieldEnum],
      [ORDER, Prisma.OrderScalarFieldEnum],
      [LOT, Prisma.LotScalarFieldEnum],
      [TRUCK, Prisma.TruckScalarFieldEnum],
      [IDEMPOTENCY_RECORD, Prisma.IdempotencyRecordScalarFieldEnum],
    ] as const) {
      const select = render(model.select("t"), dialectOf(engine)).text;
      expect(select.split(", ").map((column) => column.split(" AS ")[1])).toEqual(Object.keys(fields).map((field) => `"${field}"`));
    }
    expect(render(ORDER.column("porCerrarDay"), dialectOf(engine)).text).toBe('"por_cerrar_day"');
  });

  it("reads an order, its lots and its parties exactly as Prisma does", async () => {
    const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: { orderBy: { position: "asc" } } } });
    const [row] = await test.db.sql.all(sql`SELECT ${ORDER.select("o")} FROM orders o WHERE o.code = ${code}`);
    const { lots, ...fields } = order;
    expect(ORDER.from(row)).toEqual(fields);
    const lotRows = await test.db.sql.all(sql`SELECT ${LOT.select("l")} FROM lots l WHERE l.order_id = ${order.id} ORDER BY l.position`);
    expect(lotRows.map(LOT.from)).toEqual(lots);
    expect(lots.map((lot) => lot.position)).toEqual([1, 2]);
    const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: order.buyerId } });
    const [agentRow] = await test.db.sql.all(sql.prepared`SELECT ${AGENT.select("a")} FROM agents a WHERE a.id = ${order.buyerId}`);
    expect(AGENT.from(agentRow)).toEqual(buyer);
  });

  it("gives the Lima day, the days between two Lima days and a case-blind match the same on both engines", async () => {
    // 04:59:59 UTC on the 11th is still the 10th in Lima.
    const ctx = testContext(test.db);
    ctx.clock.set("2026-03-11T04:59:59.000Z");
    const late = await seedSolicitadoOrder(ctx, world);
    const [row] = await test.db.sql.all<{ day: string; days: number; found: number; missed: number }>(sql`
      SELECT ${limaDay(sql`o.requested_at`)} AS day,
             ${limaDaysBetween(sql`${"2026-03-07"}`, sql`o.requested_at`)} AS days,
             (SELECT count(*) FROM agents a WHERE ${containsIgnoringCase(sql`a.business_name`, "fERMIONES")}) AS found,
             (SELECT count(*) FROM agents a WHERE ${containsIgnoringCase(sql`a.business_name`, "Fermiones SAC")}) AS missed
      FROM orders o WHERE o.code = ${late}`);
    expect({ day: row.day, days: Number(row.days), found: Number(row.found), missed: Number(row.missed) }).toEqual({ day: "2026-03-10", days: 3, found: 1, missed: 0 });
  });

  it("a snapshot does not see what another connection commits meanwhile", async () => {
    const other = createDatabase(test.url);
    try {
      const counted = await test.db.sql.snapshot(async (tx) => {
        const count = async () => Number((await tx.all<{ n: number }>(sql`SELECT count(*) AS n FROM counters`))[0].n);
        const before = await count();
        await other.sql.run(sql`INSERT INTO counters (name, value) VALUES (${"snapshot-other"}, ${1})`);
        return { before, after: await count() };
      });
      expect(counted.after).toBe(counted.before);
      expect(await test.db.prisma.counter.findUnique({ where: { name: "snapshot-other" } })).toMatchObject({ value: 1 });
    } finally {
      await other.close();
    }
  });

  it("a failed transaction leaves nothing of what it wrote", async () => {
    const failure = await test.db.sql
      .transaction(async (tx) => {
        await tx.run(sql`INSERT INTO counters (name, value) VALUES (${"sql-doomed"}, ${1})`);
        throw new Error("fails after writing");
      })
      .catch((error: Error) => error);
    expect(failure).toMatchObject({ message: "fails after writing" });
    expect(await test.db.prisma.counter.findUnique({ where: { name: "sql-doomed" } })).toBeNull();
  });

  it("a Prisma write made while a plain-SQL transaction is open is kept when that transaction fails", async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const failing = test.db.sql
      .transaction(async (tx) => {
        await tx.run(sql`INSERT INTO counters (name, value) VALUES (${"sql-doomed-2"}, ${1})`);
        entered();
        await new Promise((resolve) => setTimeout(resolve, 150));
        throw new Error("the plain-SQL transaction fails");
      })
      .catch((error: Error) => error);
    await inside;
    await test.db.prisma.counter.create({ data: { name: "prisma-ack", value: 1 } });
    expect(await failing).toMatchObject({ message: "the plain-SQL transaction fails" });
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
    await test.db.sql.all(sql`SELECT 1 AS one`);
    // No Prisma call: while Prisma is connected its adapter listens to the pool's errors itself.
    const admin = new pg.Client({ connectionString: test.url });
    await admin.connect();
    const { rows } = await admin.query(
      "SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    await admin.end();
    expect(rows.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await test.db.sql.all<{ one: number }>(sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });
});
