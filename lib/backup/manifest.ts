/**
 * What a backup says about itself, in `<file>.manifest.json` beside it: the engine, size and
 * SHA-256 of the file, when its snapshot was taken, the migration it has, and the checks it
 * passed. The restore checks the hash first: a copy changed or cut short since is refused.
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import type { Engine } from "@/lib/db/engine";

export const MANIFEST_FORMAT = "scop-backup/1";

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  engine: Engine;
  file: string;
  bytes: number;
  sha256: string;
  createdAt: string;
  /** every write acknowledged before this instant is in the backup */
  snapshotNotBefore: string;
  /** the newest migration the backed-up database had */
  migration: string | null;
  /** rows when the backup was checked (SQLite: on the copy itself) */
  counts?: { orders: number; movements: number; lots: number; agents: number };
  checks: string[];
  durations: Record<string, number>;
}

export const manifestPathOf = (file: string) => `${file}.manifest.json`;

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export function writeManifest(file: string, manifest: BackupManifest): void {
  writeFileSync(manifestPathOf(file), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function readManifest(file: string): BackupManifest | null {
  const at = manifestPathOf(file);
  if (!existsSync(at)) return null;
  const manifest = JSON.parse(readFileSync(at, "utf8")) as BackupManifest;
  if (manifest.format !== MANIFEST_FORMAT) throw new Error(`${at} no es un manifiesto de copia de SCOP GLP (${MANIFEST_FORMAT}).`);
  return manifest;
}
