/**
 * The app keeps SQLite's planner statistics current (serialized-sqlite-adapter.ts, PRAGMA
 * optimize when the connection opens). With statistics that predate an index, "Movimientos"
 * filtered by state read that index and sorted every order of the state: 0.7 s on a million orders.
 */
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/database";
import { sqlitePath } from "@/lib/db/engine";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld } from "../support/world";

const BY_STATE = "SELECT id FROM orders WHERE state = 'ANULADO' ORDER BY requested_at DESC, id DESC LIMIT 51";
const STATES = ["CERRADO", "CERRADO", "CERRADO", "CERRADO", "CERRADO", "CERRADO", "CERRADO", "ANULADO", "RECHAZADO", "POR_CERRAR"];

function planOf(file: string): string {
  const connection = new Sqlite(file, { readonly: true });
  try {
    return connection
      .prepare(`EXPLAIN QUERY PLAN ${BY_STATE}`)
      .all()
      .map((row) => (row as { detail: string }).detail)
      .join("; ");
  } finally {
    connection.close();
  }
}

describe("SQLite planner statistics", () => {
  let test: TestDatabase;
  let file: string;

  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    file = sqlitePath(test.url);
    const { agents } = await buildWorld(test.db);
    await test.db.close();
    // Twenty thousand orders written behind the app's back, as years of use would leave them.
    const connection = new Sqlite(file);
    const insert = connection.prepare(
      `INSERT INTO orders (code, flow, buyer_id, seller_id, requested_volume, delivery_date, state, requested_at, updated_at)
       VALUES (?, 'A', ?, ?, 100000, '2026-01-01', ?, ?, ?)`,
    );
    connection.transaction(() => {
      for (let i = 0; i < 20_000; i++) {
        const at = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString().replace("Z", "+00:00");
        insert.run(String(90_000_000_000 + i), agents.buyer.id, agents.envasadora.id, STATES[i % STATES.length], at, at);
      }
    })();
    // Statistics taken once, then an index added by a later migration, which has none: the
    // state the 1,000,000-order benchmark database was in.
    connection.exec("ANALYZE");
    const index = connection.prepare("SELECT sql FROM sqlite_master WHERE name = 'orders_state_due_day_days_late_buyer_id_lateness_basis_idx'").pluck().get() as string;
    connection.exec(`DROP INDEX orders_state_due_day_days_late_buyer_id_lateness_basis_idx; ${index}`);
    connection.close();
  });
  afterAll(() => test.drop());

  it("with an index the statistics do not know, the planner sorts every order of the state; once the app has opened the file it reads the (state, requested_at) index", async () => {
    expect(planOf(file)).toContain("TEMP B-TREE");

    const db = createDatabase(test.url);
    try {
      await db.prisma.order.count();
    } finally {
      await db.close();
    }
    const plan = planOf(file);
    expect(plan).toContain("orders_state_requested_at_id_buyer_id_seller_id_plant_id_idx");
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
