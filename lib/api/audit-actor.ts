import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";
import type { ApiActor } from "./keys";

/** Who an API key's administrative change is recorded as: the key's user, from the request's address. */
export async function auditActorOfKey(db: Database, actor: ApiActor): Promise<AuditActor & { userId: number }> {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { username: true } });
  const list = await headers();
  const ip = list.get("x-forwarded-for")?.split(",")[0]?.trim() || list.get("x-real-ip") || null;
  return { userId: actor.userId, username: `${user.username} (API)`, ip };
}
