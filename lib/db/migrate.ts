import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { resolveBinary } from "dbmate";
import { dialectOf, engineOf } from "./engine";

const run = promisify(execFile);

/**
 * Applies the pending SQL migrations of the url's engine (prisma/migrations/<engine>/) with
 * dbmate, creating the database when it does not exist. Idempotent.
 */
export async function migrate(url: string, root = process.cwd()): Promise<string> {
  const engine = engineOf(url);
  const dialect = dialectOf(engine);
  const file = dialect.file(url, root);
  if (file !== null) mkdirSync(path.dirname(file), { recursive: true });
  const { stdout } = await run(
    resolveBinary(),
    [
      "--url",
      dialect.migrationUrl(url, root),
      "--migrations-dir",
      path.join(root, "prisma/migrations", engine),
      "--no-dump-schema",
      "up",
    ],
    { cwd: root },
  );
  return stdout;
}
