/**
 * Backups of the SQLite database while the portal serves writes, and their restore.
 *
 * The copy uses SQLite's online backup API (better-sqlite3's `backup`) on a connection of its own
 * in this process, never the portal's. It copies every page in ONE step: in WAL mode that step is
 * one read transaction, so the copy is the database as of one instant, and the portal's writer
 * goes on committing beside it (a WAL reader never blocks the writer). A copy made in many small
 * steps would restart from the first page whenever the portal commits between two steps — under
 * a steady stream of writes it might never finish.
 *
 * Restoring replaces a file only when no process has it open (a probe takes SQLite's exclusive
 * lock), removes the old file's -wal and -shm (replayed onto the restored file they would corrupt
 * it), and keeps the old file aside.
 */
import { existsSync, openSync, closeSync, fsyncSync, renameSync, rmSync, statSync, copyFileSync } from "node:fs";
import path from "node:path";
import Sqlite from "better-sqlite3";

export interface SqliteCopy {
  /** pages copied, and the page size */
  pages: number;
  pageSize: number;
  bytes: number;
  /** when the copy's read transaction began: every commit acknowledged before it is in the copy */
  snapshotAt: Date;
  ms: number;
}

/** Copies the database at `source` into a new file `target` (which must not exist), online. */
export async function copySqliteOnline(source: string, target: string): Promise<SqliteCopy> {
  if (existsSync(target)) throw new Error(`El archivo ${target} ya existe: elija otro nombre (una copia nunca sobrescribe otra).`);
  if (!existsSync(source)) throw new Error(`No existe la base de datos ${source}.`);
  const connection = new Sqlite(source, { fileMustExist: true, timeout: 5_000 });
  try {
    const started = performance.now();
    const snapshotAt = new Date();
    // The first step (0 pages) only starts the backup; the progress callback then asks for every
    // remaining page in the next step: one read transaction, one instant.
    const result = await connection.backup(target, { progress: () => 0x7fffffff });
    const ms = performance.now() - started;
    const pageSize = Number(connection.pragma("page_size", { simple: true }));
    syncFile(target);
    return { pages: result.totalPages, pageSize, bytes: statSync(target).size, snapshotAt, ms };
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  } finally {
    connection.close();
  }
}

/** SQLite's own check of a database file: "ok", or the problems it lists (integrity_check and foreign keys). */
export function sqliteFileCheck(file: string): { ok: boolean; problems: string[] } {
  let connection: Sqlite.Database | undefined;
  try {
    connection = new Sqlite(file, { readonly: true, fileMustExist: true });
    const integrity = connection.pragma("integrity_check") as { integrity_check: string }[];
    const problems = integrity.map((row) => row.integrity_check).filter((line) => line !== "ok");
    const foreignKeys = connection.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    for (const row of foreignKeys) problems.push(`clave foránea rota: ${row.table} fila ${row.rowid} → ${row.parent}`);
    return { ok: problems.length === 0, problems };
  } catch (error) {
    // a file too damaged to be read at all (not a database, malformed header)
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  } finally {
    connection?.close();
  }
}

/** Whether some process has the database file open (a running portal): SQLite refuses this probe its exclusive lock. */
export function sqliteInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const probe = new Sqlite(file, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE");
    probe.prepare("SELECT count(*) FROM sqlite_master").get();
    probe.exec("COMMIT");
    return false;
  } catch (error) {
    if (typeof (error as { code?: unknown }).code === "string" && (error as { code: string }).code.startsWith("SQLITE_BUSY")) return true;
    throw error;
  } finally {
    probe.close();
  }
}

export interface SqlitePlacement {
  /** where the file that was there before now is (kept, never deleted), if there was one */
  previous: string | null;
}

/**
 * Puts `restored` (a complete, checked database file) at `target`, atomically: a rename in the
 * same directory. The file that was there, if any, is kept as `target.antes-de-restaurar-<time>`,
 * and its -wal and -shm are removed so that SQLite does not replay them onto the restored file.
 */
export function placeSqliteFile(restored: string, target: string, now = new Date()): SqlitePlacement {
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.antes-de-restaurar-${now.toISOString().replace(/[:.]/g, "-")}`;
    // Closing the last connection checkpoints the WAL into the file: the kept file is then whole.
    new Sqlite(target, { fileMustExist: true }).close();
    renameSync(target, previous);
  }
  for (const suffix of ["-wal", "-shm", "-journal"]) rmSync(`${target}${suffix}`, { force: true });
  renameSync(restored, target);
  syncDirectory(path.dirname(target));
  return { previous };
}

/** A working copy of a backup next to `target`, for checking before it takes the target's place. */
export function stageCopy(backup: string, target: string): string {
  const staged = `${target}.restaurando`;
  for (const suffix of ["", "-wal", "-shm"]) rmSync(`${staged}${suffix}`, { force: true });
  copyFileSync(backup, staged);
  syncFile(staged);
  return staged;
}

function syncFile(file: string): void {
  const fd = openSync(file, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(directory: string): void {
  const fd = openSync(directory, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
