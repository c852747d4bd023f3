/**
 * Generates the Prisma clients of both engines from the one schema, prisma/schema.prisma
 * (written for SQLite): the PostgreSQL schema is the same text with its provider and output
 * swapped. Prisma's CLI wants a schema-engine binary even for `generate`, and cannot download one
 * here; generation never runs it, so any executable will do.
 *
 * It also writes lib/generated/data-model.ts, each model's table and scalar fields with their
 * columns and types, from the same schema (Prisma's DMMF): lib/db/rows.ts reads rows of the hot
 * path with it, so a column is named in the schema and its migrations, not again in the code.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { get_dmmf } from "@prisma/prisma-schema-wasm";

const root = path.resolve(import.meta.dirname, "..");
const source = path.join(root, "prisma/schema.prisma");
const derived = path.join(root, "lib/generated/schema.postgresql.prisma");

const schema = readFileSync(source, "utf8");
const postgres = schema
  .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
  .replace(/output\s*=\s*"\.\.\/lib\/generated\/sqlite"/, 'output       = "./postgresql"');
if (postgres === schema || !postgres.includes('"./postgresql"')) {
  throw new Error("prisma/schema.prisma: no encontré el provider/output que debo reemplazar");
}
mkdirSync(path.dirname(derived), { recursive: true });
writeFileSync(derived, `// GENERATED from prisma/schema.prisma by scripts/db-generate.ts: do not edit.\n${postgres}`);

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? (existsSync("/bin/true") ? "/bin/true" : process.execPath),
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
};
const prisma = path.join(root, "node_modules/prisma/build/index.js");
for (const file of [source, derived]) {
  execFileSync(process.execPath, [prisma, "generate", "--schema", file], { cwd: root, env, stdio: "inherit" });
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: { name: string; dbName: string | null; kind: string; type: string; isRequired: boolean }[];
}
const { datamodel } = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))) as { datamodel: { models: DmmfModel[] } };
const dataModel = Object.fromEntries(
  datamodel.models.map((model) => [
    model.name,
    {
      table: model.dbName ?? model.name,
      fields: Object.fromEntries(
        model.fields
          .filter((field) => field.kind === "scalar")
          .map((field) => [field.name, { column: field.dbName ?? field.name, type: field.type, nullable: !field.isRequired }]),
      ),
    },
  ]),
);
writeFileSync(
  path.join(root, "lib/generated/data-model.ts"),
  `// GENERATED from prisma/schema.prisma by scripts/db-generate.ts: do not edit.\n` +
    `/** Each model's table and scalar fields (column, Prisma type, nullable), as Prisma's DMMF gives them. */\n` +
    `export const DATA_MODEL = ${JSON.stringify(dataModel, null, 2)} as const;\n`,
);
