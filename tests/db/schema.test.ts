/**
 * A freshly migrated database has every table, column, index and foreign key that
 * prisma/schema.prisma declares, on both engines — the SQL migrations are hand-written (Prisma
 * Migrate cannot run here), so this is what keeps them and the schema in step.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Sql } from "@/lib/db/sql";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  relationFromFields?: string[];
  relationToFields?: string[];
}
interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}
interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  fields: { name: string }[];
}

const schema = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
const { datamodel } = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as {
  datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] };
};

const models = new Map(datamodel.models.map((model) => [model.name, model]));
const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (model: DmmfModel, field: string) => {
  const entry = model.fields.find((candidate) => candidate.name === field)!;
  return entry.dbName ?? entry.name;
};

const TYPES: Record<string, Record<string, string>> = {
  sqlite: { Int: "INTEGER", String: "TEXT", Boolean: "BOOLEAN", DateTime: "DATETIME" },
  postgresql: { Int: "integer", String: "text", Boolean: "boolean", DateTime: "timestamp without time zone" },
};

interface Column {
  name: string;
  type: string;
  notNull: boolean;
}
interface Index {
  columns: string[];
  unique: boolean;
}
interface ForeignKey {
  columns: string[];
  table: string;
  references: string[];
}
interface Table {
  columns: Column[];
  indexes: Index[];
  foreignKeys: ForeignKey[];
}

async function introspect(test: TestDatabase, table: string): Promise<Table> {
  const query = <T>(statement: Sql) => test.db.sql.all<T>(statement);
  /** A name of the schema inside a PRAGMA, which takes no bound values. */
  const name = (text: string) => sql.raw(`"${text.replaceAll('"', '""')}"`);
  if (test.db.engine === "sqlite") {
    const columns = await query<{ name: string; type: string; notnull: number | bigint; pk: number | bigint }>(sql`PRAGMA table_info(${name(table)})`);
    const indexList = await query<{ name: string; unique: number | bigint; origin: string }>(sql`PRAGMA index_list(${name(table)})`);
    const indexes: Index[] = [];
    for (const index of indexList) {
      const info = await query<{ seqno: number; name: string }>(sql`PRAGMA index_info(${name(index.name)})`);
      indexes.push({ columns: info.sort((a, b) => Number(a.seqno) - Number(b.seqno)).map((c) => c.name), unique: Number(index.unique) === 1 });
    }
    // The rowid primary key is not in index_list: add it from table_info.
    const pk = columns.filter((column) => Number(column.pk) > 0).map((column) => column.name);
    if (pk.length) indexes.push({ columns: pk, unique: true });
    const fks = await query<{ id: number; seq: number; table: string; from: string; to: string }>(sql`PRAGMA foreign_key_list(${name(table)})`);
    const foreignKeys = [...new Set(fks.map((fk) => Number(fk.id)))].map((id) => {
      const parts = fks.filter((fk) => Number(fk.id) === id).sort((a, b) => Number(a.seq) - Number(b.seq));
      return { columns: parts.map((p) => p.from), table: parts[0].table, references: parts.map((p) => p.to) };
    });
    return {
      columns: columns.map((column) => ({ name: column.name, type: column.type, notNull: Number(column.notnull) === 1 || Number(column.pk) > 0 })),
      indexes,
      foreignKeys,
    };
  }
  const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
    sql`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table}`,
  );
  const indexes = await query<{ columns: string[]; unique: boolean }>(
    sql`SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, i.indisunique AS unique
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE t.relname = ${table}
      GROUP BY i.indexrelid, i.indisunique`,
  );
  const foreignKeys = await query<{ columns: string[]; table: string; references: string[] }>(
    sql`SELECT array_agg(a.attname::text ORDER BY k.ord) AS columns, rt.relname::text AS table, array_agg(ra.attname::text ORDER BY k.ord) AS references
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_class rt ON rt.oid = c.confrelid
       CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(attnum, refattnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       JOIN pg_attribute ra ON ra.attrelid = rt.oid AND ra.attnum = k.refattnum
      WHERE c.contype = 'f' AND t.relname = ${table}
      GROUP BY c.oid, rt.relname`,
  );
  return {
    columns: columns.map((column) => ({ name: column.column_name, type: column.data_type, notNull: column.is_nullable === "NO" })),
    indexes,
    foreignKeys,
  };
}

describe.each(ENGINES)("migrated %s database matches prisma/schema.prisma", (engine) => {
  let test: TestDatabase;
  const tables = new Map<string, Table>();

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    for (const model of models.values()) tables.set(model.name, await introspect(test, tableOf(model)));
  });
  afterAll(() => test.drop());

  it.each([...models.keys()])("%s: table and columns, with type and nullability", (name) => {
    const model = models.get(name)!;
    const table = tables.get(name)!;
    expect(table.columns.length, `table ${tableOf(model)} exists`).toBeGreaterThan(0);
    const scalars = model.fields.filter((field) => field.kind === "scalar");
    for (const field of scalars) {
      const column = table.columns.find((candidate) => candidate.name === (field.dbName ?? field.name));
      expect(column, `${tableOf(model)}.${field.dbName ?? field.name}`).toBeDefined();
      expect(column!.type, `${tableOf(model)}.${column!.name} type`).toBe(TYPES[engine][field.type]);
      expect(column!.notNull, `${tableOf(model)}.${column!.name} NOT NULL`).toBe(field.isRequired);
    }
    // No column the client does not know about (an unknown NOT NULL column would break inserts).
    expect(table.columns.map((column) => column.name).sort()).toEqual(scalars.map((field) => field.dbName ?? field.name).sort());
  });

  it.each(datamodel.indexes.map((index) => [`${index.model} ${index.type} (${index.fields.map((f) => f.name).join(", ")})`, index] as const))(
    "index %s",
    (_, index) => {
      const model = models.get(index.model)!;
      const columns = index.fields.map((field) => columnOf(model, field.name));
      const found = tables.get(index.model)!.indexes.find((candidate) => candidate.columns.join() === columns.join());
      expect(found, `${tableOf(model)}(${columns.join(", ")})`).toBeDefined();
      expect(found!.unique).toBe(index.type !== "normal");
    },
  );

  const relations = datamodel.models.flatMap((model) =>
    model.fields
      .filter((field) => field.kind === "object" && field.relationFromFields?.length)
      .map((field) => [`${model.name}.${field.name}`, model, field] as const),
  );
  it.each(relations)("foreign key %s", (_, model, field) => {
    const target = models.get(field.type)!;
    const columns = field.relationFromFields!.map((name) => columnOf(model, name));
    const references = field.relationToFields!.map((name) => columnOf(target, name));
    expect(tables.get(model.name)!.foreignKeys).toContainEqual({ columns, table: tableOf(target), references });
  });
});
