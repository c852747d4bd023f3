/**
 * `npm run db:backup -- --to FILE [--database-url URL]`: a consistent backup of the portal's
 * database while it serves writes, checked before it is kept.
 * - SQLite: SQLite's online backup into FILE (lib/backup/sqlite.ts), then PRAGMA integrity_check,
 *   the foreign keys, and the portal's own check (check:integrity) on the copy.
 * - PostgreSQL: pg_dump in its custom format into FILE, then the archive's table of contents is
 *   read back (the data itself is checked by restoring it: `npm run db:restore`, see
 *   docs/operations.md for the drill).
 * Writes FILE.manifest.json (size, SHA-256, snapshot time, migration, checks). The copy is made
 * under FILE.parcial and renamed only once checked: a file named FILE is a good backup.
 * Exit 0: done; 1: the copy failed a check (nothing kept); 2: bad arguments.
 */
import "./cli-logging";
import { existsSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { copySqliteOnline, sqliteFileCheck } from "@/lib/backup/sqlite";
import { dumpPostgres } from "@/lib/backup/postgresql";
import { MANIFEST_FORMAT, sha256Of, writeManifest, type BackupManifest } from "@/lib/backup/manifest";
import { databaseUrl } from "@/lib/config";
import { appliedMigration } from "@/lib/db/applied-migration";
import { createDatabase } from "@/lib/db/database";
import { engineOf, sqlitePath } from "@/lib/db/engine";
import { checkIntegrity } from "@/lib/orders/integrity";

/** The copy failed a check: nothing is kept. */
class CheckFailed extends Error {}

const { values } = parseArgs({ options: { to: { type: "string" }, "database-url": { type: "string" } } });
if (!values.to) {
  console.error("Uso: npm run db:backup -- --to ARCHIVO [--database-url URL]");
  process.exit(2);
}
const target = path.resolve(values.to);
if (existsSync(target)) {
  console.error(`${target} ya existe: una copia nunca sobrescribe otra. Elija otro nombre.`);
  process.exit(2);
}
const url = values["database-url"] ?? databaseUrl();
const engine = engineOf(url);
const partial = `${target}.parcial`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function migrationOf(databaseUrl: string): Promise<string | null> {
  const db = createDatabase(databaseUrl);
  try {
    return await appliedMigration(db);
  } finally {
    await db.close();
  }
}

try {
  rmSync(partial, { force: true });
  const startedAt = new Date();
  let manifest: BackupManifest;
  if (engine === "sqlite") {
    const source = path.resolve(sqlitePath(url));
    console.log(`Copiando ${source} (en línea, el portal puede seguir atendiendo)…`);
    const copy = await copySqliteOnline(source, partial);
    console.log(`Copia: ${copy.pages.toLocaleString("es-PE")} páginas, ${mb(copy.bytes)} en ${seconds(copy.ms)}.`);

    let started = performance.now();
    const fileCheck = sqliteFileCheck(partial);
    const fileCheckMs = performance.now() - started;
    if (!fileCheck.ok) throw new CheckFailed(`PRAGMA integrity_check de la copia: ${fileCheck.problems.slice(0, 10).join("; ")}`);
    console.log(`PRAGMA integrity_check y claves foráneas de la copia: ok (${seconds(fileCheckMs)}).`);

    started = performance.now();
    const copyDb = createDatabase(`file:${partial}`);
    let report;
    let migration: string | null;
    try {
      report = await checkIntegrity(copyDb);
      migration = await appliedMigration(copyDb);
    } finally {
      await copyDb.close();
    }
    const portalCheckMs = performance.now() - started;
    if (!report.ok) throw new CheckFailed(`check:integrity de la copia: ${report.violations.slice(0, 10).map((v) => `[${v.kind}] ${v.message}`).join("; ")}`);
    const { orders, movements } = report.checked;
    console.log(`check:integrity de la copia: sin inconsistencias en ${orders.toLocaleString("es-PE")} órdenes, ${movements.toLocaleString("es-PE")} movimientos (${seconds(portalCheckMs)}).`);

    manifest = {
      format: MANIFEST_FORMAT,
      engine,
      file: path.basename(target),
      bytes: statSync(partial).size,
      sha256: "",
      createdAt: startedAt.toISOString(),
      snapshotNotBefore: copy.snapshotAt.toISOString(),
      migration,
      counts: report.checked,
      checks: ["sqlite integrity_check", "sqlite foreign_key_check", "check:integrity"],
      durations: { copyMs: Math.round(copy.ms), integrityCheckMs: Math.round(fileCheckMs), portalCheckMs: Math.round(portalCheckMs) },
    };
  } else {
    const migration = await migrationOf(url);
    console.log("Volcando la base de datos PostgreSQL con pg_dump (una instantánea; el portal puede seguir atendiendo)…");
    const dump = await dumpPostgres(url, partial);
    console.log(`Volcado: ${mb(dump.bytes)} en ${seconds(dump.ms)}; índice del archivo legible (${dump.entries} entradas).`);
    manifest = {
      format: MANIFEST_FORMAT,
      engine,
      file: path.basename(target),
      bytes: dump.bytes,
      sha256: "",
      createdAt: startedAt.toISOString(),
      snapshotNotBefore: dump.startedAt.toISOString(),
      migration,
      checks: ["pg_restore --list"],
      durations: { dumpMs: Math.round(dump.ms) },
    };
  }
  manifest.sha256 = await sha256Of(partial);
  renameSync(partial, target);
  writeManifest(target, manifest);
  console.log(`Copia guardada: ${target} (${mb(manifest.bytes)}, SHA-256 ${manifest.sha256.slice(0, 16)}…), manifiesto en ${target}.manifest.json.`);
} catch (error) {
  rmSync(partial, { force: true });
  for (const suffix of ["-wal", "-shm"]) rmSync(`${partial}${suffix}`, { force: true });
  console.error(`No se hizo la copia: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
