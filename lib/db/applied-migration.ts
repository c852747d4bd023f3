/** The newest migration applied to a database (dbmate's schema_migrations), or null before any. */
import type { Database } from "./database";
import { sql } from "./sql";

export async function appliedMigration(db: Pick<Database, "sql">): Promise<string | null> {
  const [row] = await db.sql.all<{ version: string | null }>(sql`SELECT max(version) AS version FROM schema_migrations`);
  return row?.version === null || row?.version === undefined ? null : String(row.version);
}
