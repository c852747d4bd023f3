import type { Engine } from "./engine";

/**
 * SQL for the America/Lima calendar day ('YYYY-MM-DD') of a stored UTC timestamp column, for
 * grouping by day in the database. Lima is UTC−5 all year (no daylight saving since 1994), so a
 * fixed offset gives the same day as lib/time.ts limaDay() and works on SQLite, which has no
 * time-zone database. `column` is code, never user input.
 */
export function limaDaySql(engine: Engine, column: string): string {
  return engine === "sqlite" ? `date(${column}, '-5 hours')` : `to_char(${column} - interval '5 hours', 'YYYY-MM-DD')`;
}
