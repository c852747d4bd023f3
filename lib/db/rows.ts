/**
 * The models the hot path reads with plain SQL (sql.ts), as the same objects Prisma returns. Each
 * field's column and type come from the schema itself (lib/generated/data-model.ts, written by
 * `npm run db:generate` from Prisma's DMMF), so a new column needs no edit here: SELECT lists
 * every scalar field, dates come back as Dates and booleans as booleans (SQLite stores them as
 * text and 0/1). tests/db/sql.test.ts checks a row read both ways.
 */
import { DATA_MODEL } from "@/lib/generated/data-model";
import type { Agent, IdempotencyRecord, Lot, Order, Truck } from "@/lib/generated/sqlite/client";
import { fromSqlDate, sql, type Sql, type SqlRow } from "./sql";

type ModelName = keyof typeof DATA_MODEL;

export interface RowModel<T> {
  /** The model's table. */
  readonly table: Sql;
  /**
   * `alias."column" AS "field", …` for a SELECT; with a prefix, `AS "prefix.field"`, so that one
   * row of a join carries several models (read back with the same prefix).
   */
  select(alias: string, prefix?: string): Sql;
  /** the column of a field, for SET and WHERE clauses */
  column(field: keyof T & string): Sql;
  from(row: SqlRow): T;
  /** The model selected with `prefix`; null when a LEFT JOIN found none (its id is null). */
  fromJoined(row: SqlRow, prefix: string): T | null;
}

/** The row model of `name`, whose Prisma type is T (the compiler checks T's fields are the model's). */
function rowModel<T>(name: ModelName & string): RowModel<T> {
  const model = DATA_MODEL[name];
  const fields = Object.entries(model.fields) as [keyof T & string, { column: string; type: string }][];
  const dates = fields.filter(([, field]) => field.type === "DateTime").map(([name]) => name);
  const booleans = fields.filter(([, field]) => field.type === "Boolean").map(([name]) => name);
  const columns = new Map(fields.map(([name, field]) => [name, sql.raw(`"${field.column}"`)]));
  const selects = new Map<string, Sql>();
  return {
    table: sql.raw(`"${model.table}"`),
    select(alias, prefix = "") {
      const key = `${alias}\u0000${prefix}`;
      let select = selects.get(key);
      if (!select) {
        select = sql.raw(fields.map(([name, field]) => `${alias}."${field.column}" AS "${prefix ? `${prefix}.` : ""}${name}"`).join(", "));
        selects.set(key, select);
      }
      return select;
    },
    column(field) {
      const column = columns.get(field);
      if (!column) throw new Error(`${name} has no field ${field}`);
      return column;
    },
    from(row) {
      return parse({ ...row });
    },
    fromJoined(row, prefix) {
      if (row[`${prefix}.id`] === null || row[`${prefix}.id`] === undefined) return null;
      const model: Record<string, unknown> = {};
      for (const [name] of fields) model[name] = row[`${prefix}.${name}`];
      return parse(model);
    },
  };

  function parse(model: Record<string, unknown>): T {
    for (const field of dates) {
      const value = model[field];
      if (value !== null && value !== undefined) model[field] = fromSqlDate(value);
    }
    for (const field of booleans) model[field] = Boolean(model[field]);
    return model as T;
  }
}

/** Compile-time check that the generated model has exactly the Prisma type's fields. */
type Fields<Name extends ModelName> = keyof (typeof DATA_MODEL)[Name]["fields"];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const checked = <Name extends ModelName, T>(name: Name, ok: Same<Fields<Name>, keyof T>): RowModel<T> => (void ok, rowModel<T>(name));

export const AGENT = checked<"Agent", Agent>("Agent", true);
export const ORDER = checked<"Order", Order>("Order", true);
export const LOT = checked<"Lot", Lot>("Lot", true);
export const IDEMPOTENCY_RECORD = checked<"IdempotencyRecord", IdempotencyRecord>("IdempotencyRecord", true);
export const TRUCK = checked<"Truck", Truck>("Truck", true);
