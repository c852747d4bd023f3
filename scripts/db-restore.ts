/**
 * `npm run db:restore -- --from FILE [--database-url URL] [--replace]`: restores a backup made by
 * `npm run db:backup` into the database of URL (default DATABASE_URL), and proves it whole with
 * the portal's check:integrity before the portal may use it.
 * - The backup's SHA-256 must match its manifest (FILE.manifest.json), when there is one.
 * - SQLite: the copy is checked (PRAGMA integrity_check, check:integrity) beside the target, then
 *   renamed into place. An existing database is only replaced with --replace and when no process
 *   has it open (stop the portal first); the old file is kept beside it, never deleted.
 * - PostgreSQL: into a new or empty database (created when missing), with pg_restore in one
 *   transaction, then check:integrity. An existing database with tables is never overwritten:
 *   restore into a new one and point DATABASE_URL at it.
 * Afterwards run `npm run db:migrate` if this build has migrations the backup lacks.
 * Exit 0: restored and consistent; 1: the backup or the restored database failed a check; 2: refused.
 */
import "./cli-logging";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readManifest, sha256Of } from "@/lib/backup/manifest";
import { archiveEntries, prepareEmptyDatabase, restorePostgres } from "@/lib/backup/postgresql";
import { placeSqliteFile, sqliteFileCheck, sqliteInUse, stageCopy } from "@/lib/backup/sqlite";
import { databaseUrl } from "@/lib/config";
import { appliedMigration } from "@/lib/db/applied-migration";
import { createDatabase } from "@/lib/db/database";
import { engineOf, sqlitePath } from "@/lib/db/engine";
import { checkIntegrity, type IntegrityReport } from "@/lib/orders/integrity";
import { latestMigration } from "@/lib/observability/readiness";

/** The restore was refused before anything changed. */
class Refused extends Error {}
/** The backup, or the database restored from it, is not consistent. */
class CheckFailed extends Error {}

const { values } = parseArgs({ options: { from: { type: "string" }, "database-url": { type: "string" }, replace: { type: "boolean", default: false } } });
if (!values.from) {
  console.error("Uso: npm run db:restore -- --from ARCHIVO [--database-url URL] [--replace]");
  process.exit(2);
}
const backup = path.resolve(values.from);
const url = values["database-url"] ?? databaseUrl();
const engine = engineOf(url);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function portalCheck(checkUrl: string): Promise<{ report: IntegrityReport; migration: string | null; ms: number }> {
  const started = performance.now();
  const db = createDatabase(checkUrl);
  try {
    const report = await checkIntegrity(db);
    return { report, migration: await appliedMigration(db), ms: performance.now() - started };
  } finally {
    await db.close();
  }
}

function describe(report: IntegrityReport): string {
  const { orders, movements, lots, agents } = report.checked;
  return `${orders.toLocaleString("es-PE")} órdenes, ${movements.toLocaleString("es-PE")} movimientos, ${lots.toLocaleString("es-PE")} lotes, ${agents.toLocaleString("es-PE")} agentes`;
}

function failures(report: IntegrityReport): string {
  return report.violations
    .slice(0, 10)
    .map((v) => `[${v.kind}] ${v.message}`)
    .join("; ");
}

let staged: string | null = null;
try {
  if (!existsSync(backup)) throw new Refused(`No existe la copia ${backup}.`);
  const manifest = readManifest(backup);
  if (manifest) {
    if (manifest.engine !== engine) throw new Refused(`La copia es de ${manifest.engine} y el destino es ${engine}.`);
    const sha256 = await sha256Of(backup);
    if (sha256 !== manifest.sha256) throw new CheckFailed(`La copia no coincide con su manifiesto (SHA-256 ${sha256.slice(0, 16)}…, esperado ${manifest.sha256.slice(0, 16)}…): cambió o está incompleta.`);
    console.log(`Copia del ${manifest.createdAt} verificada contra su manifiesto (SHA-256).`);
  } else {
    console.log(`Sin manifiesto junto a ${backup}: no se puede verificar su SHA-256; se comprueba su contenido.`);
  }

  let checked: Awaited<ReturnType<typeof portalCheck>>;
  if (engine === "sqlite") {
    const target = path.resolve(sqlitePath(url));
    if (existsSync(target)) {
      if (!values.replace) throw new Refused(`${target} ya existe: para reemplazarla detenga el portal y agregue --replace (la actual se conserva al lado).`);
      if (sqliteInUse(target)) throw new Refused(`${target} está abierta por otro proceso: detenga el portal antes de restaurar.`);
    }
    staged = stageCopy(backup, target);
    const fileCheck = sqliteFileCheck(staged);
    if (!fileCheck.ok) throw new CheckFailed(`PRAGMA integrity_check: ${fileCheck.problems.slice(0, 10).join("; ")}`);
    checked = await portalCheck(`file:${staged}`);
    if (!checked.report.ok) throw new CheckFailed(`check:integrity: ${failures(checked.report)}`);
    const { previous } = placeSqliteFile(staged, target);
    staged = null;
    console.log(`Restaurada en ${target}.${previous ? ` La base anterior quedó en ${previous}.` : ""}`);
  } else {
    await archiveEntries(backup);
    const prepared = await prepareEmptyDatabase(url).catch((error: unknown) => {
      throw new Refused(error instanceof Error ? error.message : String(error));
    });
    console.log(`Base de datos ${prepared === "created" ? "creada" : "vacía"}; restaurando con pg_restore en una transacción…`);
    const { ms } = await restorePostgres(backup, url);
    console.log(`pg_restore: ${seconds(ms)}.`);
    checked = await portalCheck(url);
    if (!checked.report.ok) throw new CheckFailed(`check:integrity de la base restaurada: ${failures(checked.report)}`);
  }
  console.log(`check:integrity: sin inconsistencias en ${describe(checked.report)} (${seconds(checked.ms)}).`);
  const expected = latestMigration(engine);
  if (expected && (checked.migration === null || checked.migration < expected)) {
    console.log(`La copia tiene la migración ${checked.migration ?? "(ninguna)"}; esta versión del portal necesita ${expected}: ejecute npm run db:migrate antes de iniciarlo.`);
  }
} catch (error) {
  if (staged) for (const suffix of ["", "-wal", "-shm"]) rmSync(`${staged}${suffix}`, { force: true });
  console.error(`No se restauró: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof Refused ? 2 : 1;
}
