/**
 * Backups of the PostgreSQL database with pg_dump, and their restore with pg_restore.
 *
 * pg_dump reads the whole database in one REPEATABLE READ snapshot: the dump is the database as of
 * the instant it started, and it takes only ACCESS SHARE locks, which block no insert or update
 * (only DDL: do not run migrations during a dump). The custom format (-Fc) is compressed and lets
 * pg_restore check its table of contents and restore in parallel.
 *
 * The password never goes on a command line (where `ps` shows it): it is taken out of the URL and
 * passed in PGPASSWORD. Point-in-time recovery (WAL archiving) is a server setting, not a script:
 * see docs/operations.md.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

/** The directory of pg_dump and pg_restore: PG_BIN_DIR, else Debian's newest /usr/lib/postgresql/N/bin, else the PATH. */
export function postgresBinDir(): string | null {
  if (process.env.PG_BIN_DIR) return process.env.PG_BIN_DIR;
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const dir = path.join(base, version, "bin");
    if (existsSync(path.join(dir, "pg_dump"))) return dir;
  }
  return null;
}

function tool(name: "pg_dump" | "pg_restore"): string {
  const dir = postgresBinDir();
  return dir ? path.join(dir, name) : name;
}

/** libpq's URL without its password, and the environment that carries it. */
export function connectionOf(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { url: parsed.toString(), env };
}

async function runTool(name: "pg_dump" | "pg_restore", args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(tool(name), args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === "ENOENT") {
      throw new Error(`No encontré ${name}: instale el cliente de PostgreSQL (apt-get install postgresql-client) o defina PG_BIN_DIR.`);
    }
    throw new Error(`${name} falló: ${(failure.stderr ?? failure.message).trim()}`);
  }
}

export interface PostgresDump {
  bytes: number;
  /** entries of the archive's table of contents (tables, indexes, constraints, data, sequences…) */
  entries: number;
  /** when pg_dump was started: its snapshot is taken after, so every commit acknowledged before is in it */
  startedAt: Date;
  ms: number;
}

/** Dumps the database at `url` into `target` (custom format), then reads the archive's table of contents back. */
export async function dumpPostgres(url: string, target: string): Promise<PostgresDump> {
  const connection = connectionOf(url);
  const startedAt = new Date();
  const started = performance.now();
  await runTool("pg_dump", ["--format=custom", "--compress=6", "--no-password", `--file=${target}`, `--dbname=${connection.url}`], connection.env);
  const ms = performance.now() - started;
  const entries = await archiveEntries(target);
  const { size } = await import("node:fs/promises").then((fs) => fs.stat(target));
  return { bytes: size, entries, startedAt, ms };
}

/** The number of entries in a dump's table of contents; fails when the file is no readable archive. */
export async function archiveEntries(file: string): Promise<number> {
  const list = await runTool("pg_restore", ["--list", file], process.env);
  return list.split("\n").filter((line) => /^\d+;/.test(line)).length;
}

/** Creates the database of `url` when its server does not have it; refuses one that already has tables. */
export async function prepareEmptyDatabase(url: string): Promise<"created" | "empty"> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Nombre de base de datos no admitido: ${name}`);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`);
      return "created";
    }
  } finally {
    await client.end();
  }
  const target = new pg.Client({ connectionString: url });
  await target.connect();
  try {
    const tables = await target.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
    if (tables.rows[0].n > 0) {
      throw new Error(`La base de datos ${name} ya tiene tablas: restaure en una base de datos nueva o vacía y apunte DATABASE_URL a ella.`);
    }
    return "empty";
  } finally {
    await target.end();
  }
}

/**
 * Restores a dump into the (empty) database of `url`, in one transaction: it is all there, or
 * nothing is. Objects are owned by the restoring user (--no-owner), so a dump restores on another
 * server whose roles differ.
 */
export async function restorePostgres(file: string, url: string): Promise<{ ms: number }> {
  const connection = connectionOf(url);
  const started = performance.now();
  await runTool("pg_restore", ["--no-owner", "--exit-on-error", "--single-transaction", "--no-password", `--dbname=${connection.url}`, file], connection.env);
  return { ms: performance.now() - started };
}
