/**
 * The two engines, and every way they differ in SQL, each under its own name: the one place that
 * knows SQLite's SQL from PostgreSQL's. Features write their SQL once with lib/db/sql.ts's
 * template and use these differences by name (`limaDay(…)`, `containsIgnoringCase(…)`,
 * `claimRows(…)`, `commitOrder(…)`, `NEXT_ORDER_NUMBER`); the runners render each query with their engine's
 * dialect. (Which driver reaches each engine is database.ts's business.) No driver is imported
 * here: screens' code that reaches the browser bundle may import this module.
 */
import path from "node:path";
import type { Prisma } from "@/lib/generated/sqlite/client";
import { Sql, engineSpecific, isDate, sql, toSqlDate, type SqlValue } from "./sql";

export type Engine = "sqlite" | "postgresql";

export function engineOf(url: string): Engine {
  if (url.startsWith("file:")) return "sqlite";
  if (url.startsWith("postgresql://") || url.startsWith("postgres://")) return "postgresql";
  throw new Error(`DATABASE_URL no reconocida (se espera file:… o postgresql://…): ${url.split(":")[0]}:…`);
}

/** The path of a SQLite url, `file:./data/scop.db` → `./data/scop.db`. */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").split("?")[0];
}

export interface Dialect {
  readonly engine: Engine;
  /** The placeholder of the n-th bound value (1-based). */
  placeholder(n: number): string;
  /** A value as the driver takes it: dates as the stored text (toSqlDate), booleans as the column stores them. */
  bind(value: SqlValue): unknown;
  /**
   * The America/Lima calendar day ('YYYY-MM-DD') of a stored UTC instant. Lima is UTC−5 all year
   * (no daylight saving since 1994), so a fixed offset gives the same day as lib/time.ts limaDay()
   * and works on SQLite, which has no time-zone database.
   */
  limaDay(instant: Sql): Sql;
  /** Whole days from a 'YYYY-MM-DD' day to the Lima day of an instant. */
  limaDaysBetween(day: Sql, instant: Sql): Sql;
  /**
   * A stored instant cut to the start of its minute, comparable with the stored instants: on
   * SQLite the instants are ISO text (a minute's text sorts before every instant within it), on
   * PostgreSQL timestamps, truncated.
   */
  startOfMinute(instant: Sql): Sql;
  /** LIKE that ignores letter case: SQLite's LIKE already ignores (ASCII) case, PostgreSQL's needs ILIKE. */
  readonly likeIgnoringCase: Sql;
  /**
   * The same "contains, ignoring case" as a Prisma filter: Prisma turns `mode: "insensitive"`
   * into ILIKE, an option of the PostgreSQL client only (the SQLite-typed client the app is
   * written against does not declare it, hence the cast).
   */
  containsIgnoringCase(text: string): Prisma.StringFilter;
  /**
   * The next order number, inside the registering transaction. PostgreSQL takes it from the
   * orders id sequence (no lock, gaps allowed); SQLite, whose writes are serialised anyway, from a
   * counter row that rolls back with a refused registration.
   */
  readonly nextOrderNumber: Sql;
  /**
   * `count` order numbers at once (the legacy import), from the same sequence or counter as
   * nextOrderNumber, as rows of ranges `{ first, last }` of reserved numbers: PostgreSQL's
   * sequence hands out one number per row (other transactions may take numbers in between);
   * SQLite's counter moves by `count` in one step, one contiguous range.
   */
  nextOrderNumbers(count: number): Sql;
  /**
   * What ends a SELECT that claims rows of a queue several workers share (the events worker's
   * outbox, deliveries, e-mails). PostgreSQL locks the rows of `alias` it returns and skips those
   * another transaction holds, so two instances never take the same row and neither waits; SQLite
   * needs nothing, its one writer's transaction (BEGIN IMMEDIATE) already excludes every other.
   */
  claimRows(alias: string): Sql;
  /**
   * What ends a SELECT whose rows of `alias` the transaction holds until it ends, so that
   * concurrent transactions checking the same rule (a Distribuidor a Granel's monthly sales to one
   * client) take turns: PostgreSQL's FOR UPDATE; nothing on SQLite, whose one writer already
   * serialises them.
   */
  lockRows(alias: string): Sql;
  /**
   * A condition on rows of `alias` (a table with an integer `id`) that the planner checks on each
   * row it reads but does not start the read from: the regulator's page walks an index in date
   * order and only checks a party that matches many orders. SQLite: inside a CASE, which no
   * index serves (it answered the never-true OR below with a MULTI-INDEX OR of the party's orders
   * and the primary key). PostgreSQL: ORed with the never-true `id < 0`; inside a CASE its planner
   * estimated two matching rows and sorted a sequential scan instead of walking the index.
   */
  checkOnly(condition: Sql, alias: string): Sql;
  /**
   * A bound instant as a value of a SELECT list (INSERT … SELECT): PostgreSQL types a bare
   * parameter there as text, which a timestamp column refuses, so it is cast; SQLite stores the
   * text as is (a CAST there would turn it into a number).
   */
  instantValue(value: Sql): Sql;
  /**
   * A row's place in commit order, as the columns of `alias` to compare and sort by, for a reader
   * that takes rows as they commit (the movement log's sequencer and verifier). SQLite draws a
   * row's id inside its one writer's transaction, so ids are in commit order; PostgreSQL draws
   * them at insert, so a lower id can commit after a higher one: there the row's transaction id
   * (xact_id, a column default) comes first, then its id.
   */
  commitOrder(alias: string): Sql;
  /** The place in that order of a row read before: its id (SQLite), its transaction's id and its id (PostgreSQL). */
  commitPosition(xact: Sql, id: Sql): Sql;
  /**
   * A one-row query (`horizon`) read once per reader's transaction: the oldest transaction still
   * running in its snapshot (PostgreSQL's pg_snapshot_xmin): every row with a lower xact_id has
   * committed or rolled back, and no later commit can have one. NULL on SQLite: no bound, its one
   * writer is this transaction.
   */
  readonly commitHorizon: Sql;
  /** Rows of `alias` whose transaction ended before `horizon` (see commitHorizon); every row on SQLite. */
  committedBefore(alias: string, horizon: Sql): Sql;
  /**
   * A one-row query (`locked`) that tries to take a lock until the transaction ends, without
   * waiting, so one of several instances does a job and the others skip their turn: PostgreSQL's
   * transaction-level advisory lock on `key`; on SQLite the writer's transaction (BEGIN
   * IMMEDIATE) already is that lock, so always taken.
   */
  tryTransactionLock(key: Sql): Sql;
  /**
   * The statements of a guarded write (SqlStatements.writeGuarded), in order: the guard's rows come
   * from the first; the rest run only when it returned a row. PostgreSQL: one data-modifying CTE,
   * `WITH guarded AS (guard), w1 AS (write), … SELECT * FROM guarded` — every part sees the same
   * snapshot and each write is conditioned on `guardHeld`, so it is atomic on its own and one
   * round trip. SQLite has no writing CTEs: the guard, then the writes, in the caller's transaction.
   */
  guardedWrite(guard: Sql, writes: readonly Sql[]): Sql[];
  /** Inside a write of guardedWrite: its guard changed a row (PostgreSQL: the CTE `guarded` has one; SQLite: always, the writes run only then). */
  readonly guardHeld: Sql;
  /** dbmate's url for a DATABASE_URL: it names SQLite files `sqlite:` and wants sslmode for pg. */
  migrationUrl(url: string, root: string): string;
  /** The file the database lives in, for SQLite (its directory must exist before it is created). */
  file(url: string, root: string): string | null;
}

const dateOrNull = (value: SqlValue) => (value === undefined ? null : isDate(value) ? toSqlDate(value) : value);

const SQLITE: Dialect = {
  engine: "sqlite",
  placeholder: () => "?",
  bind: (value) => (typeof value === "boolean" ? Number(value) : dateOrNull(value)),
  limaDay: (instant) => sql`date(${instant}, '-5 hours')`,
  limaDaysBetween: (day, instant) => sql`julianday(date(${instant}, '-5 hours')) - julianday(${day})`,
  startOfMinute: (instant) => sql`strftime('%Y-%m-%dT%H:%M:00', ${instant})`,
  likeIgnoringCase: sql.raw("LIKE"),
  containsIgnoringCase: (text) => ({ contains: text }),
  nextOrderNumber: sql.prepared`UPDATE counters SET value = value + 1 WHERE name = 'order_number' RETURNING value`,
  nextOrderNumbers: (count) =>
    sql`UPDATE counters SET value = value + ${count} WHERE name = 'order_number' RETURNING value - ${count} + 1 AS first, value AS last`,
  claimRows: () => sql.empty,
  lockRows: () => sql.empty,
  checkOnly: (condition) => sql`(CASE WHEN ${condition} THEN 1 ELSE 0 END) = 1`,
  instantValue: (value) => value,
  commitOrder: (alias) => sql.raw(`${alias}.id`),
  commitPosition: (_xact, id) => id,
  commitHorizon: sql`SELECT NULL AS "horizon"`,
  committedBefore: () => sql.raw("1 = 1"),
  tryTransactionLock: () => sql`SELECT 1 AS "locked"`,
  guardedWrite: (guard, writes) => [guard, ...writes],
  guardHeld: sql.raw("1 = 1"),
  migrationUrl: (url, root) => `sqlite:${path.resolve(root, sqlitePath(url))}`,
  file: (url, root) => path.resolve(root, sqlitePath(url)),
};

const POSTGRESQL: Dialect = {
  engine: "postgresql",
  placeholder: (n) => `$${n}`,
  bind: dateOrNull,
  limaDay: (instant) => sql`to_char(${instant} - interval '5 hours', 'YYYY-MM-DD')`,
  limaDaysBetween: (day, instant) => sql`(${instant} - interval '5 hours')::date - ${day}::date`,
  startOfMinute: (instant) => sql`date_trunc('minute', ${instant})`,
  likeIgnoringCase: sql.raw("ILIKE"),
  containsIgnoringCase: (text) => ({ contains: text, mode: "insensitive" }) as Prisma.StringFilter,
  nextOrderNumber: sql.prepared`SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS value`,
  nextOrderNumbers: (count) =>
    sql`SELECT n.value AS first, n.value AS last
        FROM (SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS value FROM generate_series(1, ${count}::integer)) n`,
  claimRows: (alias) => sql.raw(`FOR UPDATE OF ${alias} SKIP LOCKED`),
  lockRows: (alias) => sql.raw(`FOR UPDATE OF ${alias}`),
  checkOnly: (condition, alias) => sql`(${condition} OR ${sql.raw(alias)}.id < 0)`,
  instantValue: (value) => sql`CAST(${value} AS TIMESTAMP(3))`,
  commitOrder: (alias) => sql.raw(`${alias}.xact_id, ${alias}.id`),
  commitPosition: (xact, id) => sql`${xact}, ${id}`,
  commitHorizon: sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS "horizon"`,
  committedBefore: (alias, horizon) => sql`${sql.raw(alias)}.xact_id < ${horizon}`,
  tryTransactionLock: (key) => sql`SELECT pg_try_advisory_xact_lock(${key}) AS "locked"`,
  guardedWrite: (guard, writes) => {
    const parts = writes.map((write, index) => sql`, ${sql.raw(`w${index + 1}`)} AS (${write})`);
    return [new Sql(["WITH guarded AS (", ")", " SELECT * FROM guarded"], [guard, sql.join(parts, "")], guard.prepared)];
  },
  guardHeld: sql.raw("EXISTS (SELECT 1 FROM guarded)"),
  migrationUrl(url) {
    const parsed = new URL(url);
    if (!parsed.searchParams.has("sslmode")) parsed.searchParams.set("sslmode", "disable");
    return parsed.toString();
  },
  file: () => null,
};

const DIALECTS: Record<Engine, Dialect> = { sqlite: SQLITE, postgresql: POSTGRESQL };

export function dialectOf(engine: Engine): Dialect {
  return DIALECTS[engine];
}

/** The next order number (see Dialect.nextOrderNumber), as a statement of the registering transaction. */
export const NEXT_ORDER_NUMBER: Sql = engineSpecific((dialect) => dialect.nextOrderNumber, true);

/** `count` order numbers (see Dialect.nextOrderNumbers): rows of `{ first, last }` ranges. */
export const nextOrderNumbers = (count: number): Sql => engineSpecific((dialect) => dialect.nextOrderNumbers(count));
