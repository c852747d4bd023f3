/**
 * Readiness (GET /api/ready), apart from liveness (GET /api/health): whether this instance should
 * receive traffic now. It is ready when its database answers within a short time and has every
 * migration this build knows (an instance of a new build started before `npm run db:migrate`
 * waits out of the balancer's rotation), and it is not shutting down. A newer database than the
 * build (a rolling deployment that migrated first) is fine: migrations only add.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { appliedMigration } from "@/lib/db/applied-migration";
import type { Database } from "@/lib/db/database";

export interface ReadinessCheck {
  ok: boolean;
  ms?: number;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: ReadinessCheck; migrations: ReadinessCheck; shutdown: ReadinessCheck };
}

const DRAINING = Symbol.for("scop.draining");
const holder = globalThis as unknown as { [DRAINING]?: boolean };

/** Called by the server when it starts shutting down: from then on it is not ready. */
export function startDraining(): void {
  holder[DRAINING] = true;
}

/** The newest migration version of this build for `engine` (the file names' numeric prefix). */
export function latestMigration(engine: Database["engine"], root = process.cwd()): string | null {
  const versions = readdirSync(path.join(root, "prisma/migrations", engine))
    .map((name) => /^(\d+)_/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort();
  return versions.at(-1) ?? null;
}

/** What /api/ready answers: the outcome per check, without details (they are logged: the route is public). */
export function readinessBody(readiness: Readiness) {
  const { database, migrations, shutdown } = readiness.checks;
  return {
    status: readiness.ready ? "ready" : "unavailable",
    checks: { database: database.ok ? "ok" : "failed", migrations: migrations.ok ? "ok" : "failed", shutdown: shutdown.ok ? "ok" : "draining" },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`sin respuesta en ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function checkReadiness(db: Database, options: { timeoutMs?: number; expectedMigration?: string | null } = {}): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  const shutdown: ReadinessCheck = holder[DRAINING] ? { ok: false, detail: "el servidor se está deteniendo" } : { ok: true };
  const started = performance.now();
  let database: ReadinessCheck;
  let migrations: ReadinessCheck;
  try {
    const applied = await withTimeout(appliedMigration(db), timeoutMs);
    database = { ok: true, ms: Math.round(performance.now() - started) };
    const expected = options.expectedMigration === undefined ? latestMigration(db.engine) : options.expectedMigration;
    migrations =
      expected === null || (applied !== null && applied >= expected)
        ? { ok: true, detail: applied ?? undefined }
        : { ok: false, detail: `la base de datos tiene la migración ${applied ?? "(ninguna)"}; esta versión necesita ${expected}: ejecute npm run db:migrate` };
  } catch (error) {
    database = { ok: false, ms: Math.round(performance.now() - started), detail: error instanceof Error ? error.message : String(error) };
    migrations = { ok: false, detail: "no se pudo consultar" };
  }
  return { ready: database.ok && migrations.ok && shutdown.ok, checks: { database, migrations, shutdown } };
}
