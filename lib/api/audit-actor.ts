import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";
import { sql } from "@/lib/db/sql";
import type { ApiActor } from "./keys";

/**
 * Who an API key's administrative change is recorded as: the key's user, from the request's
 * address. Plain SQL: inside a POST with an Idempotency-Key only the runner joins the transaction.
 */
export async function auditActorOfKey(db: Pick<Database, "sql">, actor: ApiActor): Promise<AuditActor & { userId: number }> {
  const [user] = await db.sql.all<{ username: string }>(sql`SELECT username FROM users WHERE id = ${actor.userId}`);
  const list = await headers();
  const ip = list.get("x-forwarded-for")?.split(",")[0]?.trim() || list.get("x-real-ip") || null;
  return { userId: actor.userId, username: `${user.username} (API)`, ip };
}
