import type { Engine } from "@/lib/db/engine";
import type { SqlStatements } from "@/lib/db/sql";

/**
 * The next order number, inside the registering transaction. PostgreSQL takes it from the orders
 * id sequence (no lock, gaps allowed); SQLite, whose writes are serialised anyway, from a counter
 * row that rolls back with a refused registration.
 */
export async function allocateOrderNumber(tx: SqlStatements, engine: Engine): Promise<number> {
  const rows =
    engine === "postgresql"
      ? await tx.all<{ value: number }>("SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS value")
      : await tx.all<{ value: number }>("UPDATE counters SET value = value + 1 WHERE name = 'order_number' RETURNING value");
  if (rows.length !== 1) throw new Error("order-number counter missing: was the database migrated?");
  return Number(rows[0].value);
}

/**
 * `count` order numbers at once, in the caller's transaction (the legacy import): the same
 * sequence or counter as allocateOrderNumber, so imported orders never take a number — an id — a
 * registration will want.
 */
export async function allocateOrderNumbers(tx: SqlStatements, engine: Engine, count: number): Promise<number[]> {
  if (engine === "postgresql") {
    const rows = await tx.all<{ value: number }>("SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS value FROM generate_series(1, ?::integer)", [count]);
    return rows.map((row) => Number(row.value));
  }
  const rows = await tx.all<{ value: number }>("UPDATE counters SET value = value + ? WHERE name = 'order_number' RETURNING value", [count]);
  if (rows.length !== 1) throw new Error("order-number counter missing: was the database migrated?");
  const last = Number(rows[0].value);
  return Array.from({ length: count }, (_, index) => last - count + 1 + index);
}
