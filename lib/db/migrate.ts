import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { resolveBinary } from "dbmate";
import { engineOf, sqlitePath } from "./engine";

const run = promisify(execFile);

/** dbmate's url for our DATABASE_URL: it names SQLite files `sqlite:` and wants sslmode for pg. */
function dbmateUrl(url: string, root: string): string {
  if (engineOf(url) === "sqlite") return `sqlite:${path.resolve(root, sqlitePath(url))}`;
  const parsed = new URL(url);
  if (!parsed.searchParams.has("sslmode")) parsed.searchParams.set("sslmode", "disable");
  return parsed.toString();
}

/**
 * Applies the pending SQL migrations of the url's engine (prisma/migrations/<engine>/) with
 * dbmate, creating the database when it does not exist. Idempotent.
 */
export async function migrate(url: string, root = process.cwd()): Promise<string> {
  const engine = engineOf(url);
  if (engine === "sqlite") mkdirSync(path.dirname(path.resolve(root, sqlitePath(url))), { recursive: true });
  const { stdout } = await run(
    resolveBinary(),
    [
      "--url",
      dbmateUrl(url, root),
      "--migrations-dir",
      path.join(root, "prisma/migrations", engine),
      "--no-dump-schema",
      "up",
    ],
    { cwd: root },
  );
  return stdout;
}
