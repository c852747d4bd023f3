import "server-only";
import { headers } from "next/headers";
import type { AuditActor } from "@/lib/audit/audit";
import { SignInLimiter } from "@/lib/auth/lockout";
import type { SignedInUser } from "@/lib/auth/session";
import { database } from "./context";

const globalForSecurity = globalThis as unknown as { scopSignInLimiter?: SignInLimiter };

/** The sign-in limiter of this process (its counters are in the database, shared by all). */
export function signInLimiter(): SignInLimiter {
  globalForSecurity.scopSignInLimiter ??= new SignInLimiter(database());
  return globalForSecurity.scopSignInLimiter;
}

/** The audit actor of a server action: the signed-in user and the request's address. */
export async function auditActorOf(user: SignedInUser): Promise<AuditActor & { userId: number }> {
  const list = await headers();
  const ip = list.get("x-forwarded-for")?.split(",")[0]?.trim() || list.get("x-real-ip") || null;
  return { userId: user.userId, username: user.username, ip };
}
