/**
 * Plain SQL on the driver, for the order lifecycle's hot path. Every transition is a handful of
 * short statements; sent through Prisma each costs its query compiler and result mapping, which
 * made a transition cost several times the framework's own work (issue 7's benchmark). Here a
 * statement is prepared once and run as is, in the same engines and — on SQLite — on Prisma's own
 * connection under the same lock (sqlite-sql.ts), so it can never join a transaction it does not
 * belong to.
 *
 * Statements are written once for both engines with `?` placeholders; the PostgreSQL runner
 * numbers them. Keep `?` out of string literals.
 */

export type SqlValue = string | number | boolean | Date | Uint8Array | null | undefined;
export type SqlRow = Record<string, unknown>;

export interface SqlStatements {
  /** The rows of a statement that returns rows (SELECT, or INSERT/UPDATE … RETURNING). */
  all<T = SqlRow>(text: string, values?: readonly SqlValue[]): Promise<T[]>;
  /** The number of rows a statement changed (INSERT, UPDATE, DELETE without RETURNING). */
  run(text: string, values?: readonly SqlValue[]): Promise<number>;
}

export interface SqlRunner extends SqlStatements {
  /**
   * Runs `work` in one transaction. Retried from the start on a write conflict (PostgreSQL's
   * serialization failure or deadlock, SQLite busy from another process): `work` must therefore
   * only touch the database.
   */
  transaction<T>(work: (tx: SqlStatements) => Promise<T>): Promise<T>;
}

/** `?, ?, ?` for an IN list or a VALUES row. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
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
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

export const MAX_TRANSACTION_ATTEMPTS = 10;

/** A short random pause before the next attempt of a conflicting transaction. */
export function backoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
}
