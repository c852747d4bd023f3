/**
 * Generates the Prisma clients of both engines from the one schema, prisma/schema.prisma
 * (written for SQLite): the PostgreSQL schema is the same text with its provider and output
 * swapped. Prisma's CLI wants a schema-engine binary even for `generate`, and cannot download one
 * here; generation never runs it, so any executable will do.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

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
