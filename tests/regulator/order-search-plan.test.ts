/**
 * How SQLite reads a page of Movimientos on a database of some size (issue 19's slow corners):
 * a broad party is only checked while the date index is walked from its covering entries, and a
 * selective party is read from its own indexes, never by walking or scanning every order. The
 * same shapes on PostgreSQL were read from EXPLAIN on a 200,000-order database (docs/benchmarks.md).
 */
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialectOf, sqlitePath } from "@/lib/db/engine";
import { render } from "@/lib/db/sql";
import { orderFilterSchema } from "@/lib/regulator/order-filter";
import { orderQuery, pageIdsQuery } from "@/lib/regulator/order-search";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, type World } from "../support/world";

const STATES = ["CERRADO", "CERRADO", "CERRADO", "CERRADO", "CERRADO", "CERRADO", "CERRADO", "ANULADO", "RECHAZADO", "POR_CERRAR"];

describe("Movimientos page plans on SQLite", () => {
  let test: TestDatabase;
  let world: World;
  let file: string;

  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    file = sqlitePath(test.url);
    world = await buildWorld(test.db);
    // Twenty thousand orders of two buyers, sold by a hundred sellers (the registry's sellers
    // average a few hundred orders each, not thousands), flow b at one plant.
    const connection = new Sqlite(file);
    const columns = (connection.prepare("SELECT name FROM pragma_table_info('agents') WHERE name <> 'id'").pluck().all() as string[]).map((name) => `"${name}"`);
    const copied = columns.map((name) => (name === '"ruc"' ? "?" : name === '"registry_number"' ? "?" : name)).join(", ");
    const copySeller = connection.prepare(`INSERT INTO agents (${columns.join(", ")}) SELECT ${copied} FROM agents WHERE id = ? RETURNING id`);
    const sellers = connection.transaction(() =>
      Array.from({ length: 100 }, (_, k) => {
        const [original, number] = k % 2 ? [world.agents.comercializador.id, 1] : [world.agents.envasadora.id, 0];
        const row = copySeller.get(`20${String(99_000_000 + k).padStart(9, "0")}`, `${90_000 + k}-0${number}8-150516`, original) as { id: number };
        return row.id;
      }),
    )();
    const insert = connection.prepare(
      `INSERT INTO orders (code, flow, buyer_id, seller_id, plant_id, requested_volume, delivery_date, state, requested_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 100000, '2026-01-01', ?, ?, ?)`,
    );
    const { buyer, otherBuyer, planta } = world.agents;
    connection.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const at = new Date(Date.UTC(2025, 0, 1) + i * 1_800_000).toISOString().replace("Z", "+00:00");
        const flowB = i % 2 === 1;
        insert.run(
          String(80_000_000_000 + i),
          flowB ? "B" : "A",
          i % 3 === 0 ? buyer.id : otherBuyer.id,
          sellers[(i % 50) * 2 + (flowB ? 1 : 0)],
          flowB ? planta.id : null,
          STATES[i % STATES.length],
          at,
          at,
        );
      }
    })();
    connection.exec("ANALYZE");
    connection.close();
  });
  afterAll(() => test.drop());

  async function planOf(input: Record<string, string>, selectiveOrders: number): Promise<string> {
    const filter = orderFilterSchema.parse(input);
    const text = pageIdsQuery(filter, await orderQuery(test.db, filter, selectiveOrders), null, 51)!;
    const { text: query, values } = render(text, dialectOf("sqlite"));
    const connection = new Sqlite(file, { readonly: true });
    try {
      return connection
        .prepare(`EXPLAIN QUERY PLAN ${query}`)
        .all(...(values as unknown[]))
        .map((row) => (row as { detail: string }).detail)
        .join("\n");
    } finally {
      connection.close();
    }
  }

  it("walks the date index from its own entries, checking a broad party, with no sort", async () => {
    const plan = await planOf({ agentType: "CONSUMIDOR_DIRECTO", sort: "antiguas" }, 1);
    expect(plan).toContain("SCAN o USING COVERING INDEX orders_requested_at_id_state_buyer_id_seller_id_plant_id_idx");
    expect(plan).not.toContain("TEMP B-TREE FOR ORDER BY");
  });

  it("walks the (state, requested_at) index for a state, checking a broad place and agent", async () => {
    const plan = await planOf({ department: "Lima", agent: "S.A.C.", state: "ANULADO" }, 1);
    expect(plan).toContain("COVERING INDEX orders_state_requested_at_id_buyer_id_seller_id_plant_id_idx (state=?)");
    expect(plan).not.toMatch(/MULTI-INDEX OR|TEMP B-TREE FOR ORDER BY/);
  });

  it("reads a selective party's orders from its role indexes, and never scans every order", async () => {
    const plan = await planOf({ agent: world.agents.planta.ruc }, 1_000_000);
    expect(plan).toContain("MATERIALIZE party");
    expect(plan).toContain("(buyer_id=?)");
    expect(plan).toContain("(seller_id=?)");
    expect(plan).toContain("orders_plant_id_state_idx (plant_id=?)");
    expect(plan).not.toMatch(/SCAN o\b/);
  });
});
