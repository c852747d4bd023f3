/**
 * The one way to write SQL by hand: the `sql` tagged template. Everything else goes through
 * Prisma's model API (screens' plain reads and writes).
 *
 *   sql`SELECT ${ORDER.select("o")} FROM orders o WHERE o.code = ${code}`
 *
 * Every interpolated value is bound (a `?` placeholder, numbered `$n` on PostgreSQL), never
 * spliced into the text; a nested `sql` fragment, `sql.raw` (code, never user input) and
 * `sql.join` compose. What differs between the engines — the America/Lima day of an instant, a
 * LIKE that ignores case, the next order number — is written once in ./engine.ts and used here
 * by name (`limaDay(…)`, `containsIgnoringCase(…)`), so a query is written once for both and a
 * feature never asks which engine it runs on. Dates are bound as the stored text (toSqlDate).
 *
 * The runners (sqlite-sql.ts, postgres-sql.ts) run on the same connections as Prisma — on SQLite
 * on Prisma's own connection under the same lock, so a statement can never join a transaction it
 * does not belong to. The order lifecycle's hot path uses them because each of its short
 * statements cost more in Prisma's query compiler and result mapping than in the database
 * (issue 7); the regulator's reports because they are aggregates Prisma cannot express.
 */
import type { Dialect } from "./engine";

export type SqlValue = string | number | boolean | Date | Uint8Array | null | undefined;
export type SqlRow = Record<string, unknown>;

/**
 * What marks a fragment, rather than `instanceof`: Next.js's production build can load this
 * module more than once (one copy per server chunk), and a fragment made by one copy must still
 * be a fragment to another, never a value to bind.
 */
const FRAGMENT = Symbol.for("scop.sql.fragment");
const ENGINE_PART = Symbol.for("scop.sql.engine-part");

/** SQL whose text depends on the engine: one of the named differences of engine.ts. */
class EnginePart {
  readonly [ENGINE_PART] = true;
  constructor(readonly text: (dialect: Dialect) => Sql) {}
}

type Part = SqlValue | Sql | EnginePart;

const isFragment = (part: Part): part is Sql => typeof part === "object" && part !== null && FRAGMENT in part;
const isEnginePart = (part: Part): part is EnginePart => typeof part === "object" && part !== null && ENGINE_PART in part;

/** A piece of SQL: text with bound values, rendered for an engine when it runs. */
export class Sql {
  readonly [FRAGMENT] = true;
  /** @param strings one more than parts: text, part, text, …, text */
  constructor(
    readonly strings: readonly string[],
    readonly parts: readonly Part[],
    /**
     * Prepared once and kept (a named statement on PostgreSQL, a cached one on SQLite): for the
     * hot path's short statements, run thousands of times. Otherwise a statement is prepared for
     * its one run, so PostgreSQL plans a report with the values it is given, never with a generic
     * plan chosen after a few runs.
     */
    readonly prepared = false,
  ) {}
}

/** The text of a query for one engine, and its values in placeholder order (not yet bound: see Dialect.bind). */
export interface RenderedSql {
  text: string;
  values: SqlValue[];
}

const EMPTY = new Sql([""], []);

function template(prepared: boolean) {
  return (strings: TemplateStringsArray, ...parts: (SqlValue | Sql)[]): Sql => new Sql(strings, parts, prepared);
}

/** A SQL template: values are bound, nested fragments compose. */
export const sql = Object.assign(template(false), {
  /** The same, for a hot-path statement: prepared once per connection and reused (see Sql.prepared). */
  prepared: template(true),
  /** Text taken as is: column names and constants written in the code, never a user's value. */
  raw: (text: string): Sql => new Sql([text], []),
  /** Fragments (or values, each bound) separated by `separator`. */
  join(items: readonly (Sql | SqlValue)[], separator = ", "): Sql {
    if (items.length === 0) return EMPTY;
    return new Sql(["", ...items.slice(1).map(() => separator), ""], items);
  },
  /** Nothing, for an optional clause. */
  empty: EMPTY,
});

/** A fragment whose text each engine writes its own way; used by engine.ts only. */
export function engineSpecific(text: (dialect: Dialect) => Sql, prepared = false): Sql {
  return new Sql(["", ""], [new EnginePart(text)], prepared);
}

/** The query's text for `dialect`, with its placeholders, and the values they stand for. */
export function render(query: Sql, dialect: Dialect): RenderedSql {
  const values: SqlValue[] = [];
  const text = renderInto(query, dialect, values);
  return { text, values };
}

function renderInto(query: Sql, dialect: Dialect, values: SqlValue[]): string {
  let text = query.strings[0];
  for (let i = 0; i < query.parts.length; i++) {
    const part = query.parts[i];
    if (isFragment(part)) text += renderInto(part, dialect, values);
    else if (isEnginePart(part)) text += renderInto(part.text(dialect), dialect, values);
    else {
      values.push(part);
      text += dialect.placeholder(values.length);
    }
    text += query.strings[i + 1];
  }
  return text;
}

/** The America/Lima calendar day ('YYYY-MM-DD') of a stored instant. */
export const limaDay = (instant: Sql): Sql => engineSpecific((dialect) => dialect.limaDay(instant));

/** Whole days from a Lima day ('YYYY-MM-DD') to the Lima day of a stored instant. */
export const limaDaysBetween = (day: Sql, instant: Sql): Sql => engineSpecific((dialect) => dialect.limaDaysBetween(day, instant));

/** A stored instant cut to the start of its minute, to compare with times declared to the minute. */
export const startOfMinute = (instant: Sql): Sql => engineSpecific((dialect) => dialect.startOfMinute(instant));

/**
 * `column` contains `text`, ignoring letter case, as a person searching for a name expects (and
 * as Prisma's `containsIgnoringCase` filter of engine.ts). `%` and `_` in the text still act as
 * LIKE wildcards, as they do in Prisma's `contains`.
 */
export const containsIgnoringCase = (column: Sql, text: string): Sql =>
  engineSpecific((dialect) => sql`${column} ${dialect.likeIgnoringCase} ('%' || ${text} || '%')`);

/**
 * Ends a SELECT that claims rows of a queue shared by several workers: the rows of `alias` it
 * returns are this transaction's, and rows another one holds are skipped (PostgreSQL's FOR UPDATE
 * SKIP LOCKED; nothing on SQLite, whose one writer excludes every other). See Dialect.claimRows.
 */
export const claimRows = (alias: string): Sql => engineSpecific((dialect) => dialect.claimRows(alias));

/**
 * Commit order, for a reader that takes rows as they commit (the movement log's sequencer): the
 * columns of `alias` to sort by and compare, e.g. `(${commitOrder("m")}) > (${commitPosition(x, id)})`.
 * See Dialect.commitOrder.
 */
export const commitOrder = (alias: string): Sql => engineSpecific((dialect) => dialect.commitOrder(alias));

/** A row's place in commit order, from its transaction's id and its own (see Dialect.commitPosition). */
export const commitPosition = (xact: number, id: number): Sql => engineSpecific((dialect) => dialect.commitPosition(sql`${xact}`, sql`${id}`));

/** The one-row query whose `horizon` bounds what a commit-order reader may take (see Dialect.commitHorizon). */
export const COMMIT_HORIZON: Sql = engineSpecific((dialect) => dialect.commitHorizon);

/** Rows of `alias` whose transaction ended before `horizon`, read with COMMIT_HORIZON (see Dialect.committedBefore). */
export const committedBefore = (alias: string, horizon: number | null): Sql =>
  engineSpecific((dialect) => dialect.committedBefore(alias, sql`${horizon}`));

/** The one-row query whose `locked` says this transaction took the lock `key`, without waiting (see Dialect.tryTransactionLock). */
export const tryTransactionLock = (key: number): Sql => engineSpecific((dialect) => dialect.tryTransactionLock(sql`${key}`));

/**
 * Ends a SELECT whose rows of `alias` this transaction holds until it ends, so that transactions
 * checking the same rule take turns (PostgreSQL's FOR UPDATE; nothing on SQLite). See Dialect.lockRows.
 */
export const lockRows = (alias: string): Sql => engineSpecific((dialect) => dialect.lockRows(alias));

/** A condition the planner checks but does not start a read from. See Dialect.checkOnly. */
export const checkOnly = (condition: Sql, alias: string): Sql => engineSpecific((dialect) => dialect.checkOnly(condition, alias));

/** A Date as a value of a SELECT list, e.g. in INSERT … SELECT (see Dialect.instantValue). */
export const instantValue = (value: Date): Sql => engineSpecific((dialect) => dialect.instantValue(sql`${value}`));

/**
 * In a write of `writeGuarded`, the condition that its guard changed a row (see Dialect.guardHeld):
 * `INSERT INTO t (…) SELECT ${a}, ${b} WHERE ${GUARD_HELD}`, `UPDATE t SET … WHERE id = ${id} AND ${GUARD_HELD}`.
 */
export const GUARD_HELD: Sql = engineSpecific((dialect) => dialect.guardHeld);

export interface SqlStatements {
  /** The rows of a statement that returns rows (SELECT, or INSERT/UPDATE … RETURNING). */
  all<T = SqlRow>(query: Sql): Promise<T[]>;
  /** The number of rows a statement changed (INSERT, UPDATE, DELETE without RETURNING). */
  run(query: Sql): Promise<number>;
  /**
   * A guarded write, all of it or nothing: `guard`, a write RETURNING the rows it changed (a
   * compare-and-set), then — only when it changed a row — each of `writes`, each conditioned on
   * GUARD_HELD. Its rows are the guard's: none when the guard's condition no longer held, and then
   * nothing was written. PostgreSQL runs it as one statement (a data-modifying CTE, one round
   * trip, atomic without a transaction); SQLite, which has no writing CTEs, statement after
   * statement in one transaction (in-process: no round trips to save). See Dialect.guardedWrite.
   */
  writeGuarded<T = SqlRow>(guard: Sql, writes: readonly Sql[]): Promise<T[]>;
}

export interface SqlRunner extends SqlStatements {
  /**
   * Runs `work` in one transaction. Retried from the start on a write conflict (PostgreSQL's
   * serialization failure or deadlock, SQLite busy from another process): `work` must therefore
   * only touch the database.
   */
  transaction<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T>;
  /**
   * Runs `work`'s reads in one snapshot of the database, so that a report's figures agree with
   * one another (PostgreSQL: REPEATABLE READ READ ONLY; SQLite: a read transaction).
   */
  snapshot<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T>;
}

/**
 * Runs a guarded write (SqlStatements.writeGuarded) as `dialect` writes it, on `statements` — which
 * must be a transaction when the dialect needs more than one statement for it.
 */
export async function runGuardedWrite<T>(statements: SqlStatements, dialect: Dialect, guard: Sql, writes: readonly Sql[]): Promise<T[]> {
  const [first, ...rest] = dialect.guardedWrite(guard, writes);
  const rows = await statements.all<T>(first);
  if (rows.length === 0) return rows;
  for (const statement of rest) await statements.run(statement);
  return rows;
}

/** A Date, also one made in another realm or by a wrapped constructor (Next.js's server wraps Date). */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/**
 * How a date is stored: the text Prisma's SQLite adapter writes (`…T03:00:00.000+00:00`, so that
 * text comparisons in either's queries agree); PostgreSQL's `timestamp(3)` takes the same text and
 * ignores the offset, keeping the UTC wall clock as Prisma does.
 */
export function toSqlDate(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** A stored date back as a Date: ISO text with an offset, or SQL's `YYYY-MM-DD HH:MM:SS[.fff]` in UTC. */
export function fromSqlDate(value: unknown): Date {
  if (isDate(value)) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

export const MAX_TRANSACTION_ATTEMPTS = 10;

/** A short random pause before the next attempt of a conflicting transaction. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
}
