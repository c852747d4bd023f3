import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/audit";
import type { SignedInUser } from "@/lib/auth/signed-in-user";

/** The audit actor of a server action: the signed-in user and the request's address. */
export async function auditActorOf(user: SignedInUser): Promise<AuditActor & { userId: number }> {
  const list = await headers();
  // the front door (server.ts) wrote the client's address, and only it, in X-Forwarded-For
  const ip = list.get("x-forwarded-for")?.trim() || null;
  return { userId: user.userId, username: user.username, ip };
}
