import "server-only";
/** The session as pages, actions and route handlers see it (the Next.js side of lib/auth). */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/accounts/roles";
import { totpRequired } from "@/lib/accounts/totp";
import type { AgentType } from "@/lib/registry/agent-types";
import { pendingStep, type SignedInUser } from "@/lib/auth/signed-in-user";
import { noteActor } from "@/lib/observability/request-context";
import { database } from "./context";
import { SESSION_ABSOLUTE_SECONDS, authOptions } from "./auth-options";

/**
 * The signed-in user, re-read from the database on every request: a deactivated account or a
 * changed password (session version) ends the session at once even though the JWT is still valid,
 * and so does the absolute limit of 12 hours since sign-in.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.userId) return null;
  const signedInAt = session.user.signedInAt;
  if (typeof signedInAt !== "number" || Date.now() - signedInAt > SESSION_ABSOLUTE_SECONDS * 1000) return null;
  const user = await database().transaction((tx) =>
    tx.user.findUnique({ where: { id: session.user.userId }, include: { agent: { select: { businessName: true, type: true } } } }),
  );
  if (!user || !user.active || user.sessionVersion !== session.user.sessionVersion) return null;
  const role = user.role as Role;
  noteActor({ role, userId: user.id });
  return {
    userId: user.id,
    agentId: user.agentId,
    role,
    username: user.username,
    fullName: user.fullName,
    agentName: user.agent.businessName,
    agentType: user.agent.type as AgentType,
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabledAt !== null,
    mustEnrollTotp: totpRequired(role) && user.totpEnabledAt === null,
  };
});

/**
 * For pages: the signed-in user with one of `roles`; otherwise to sign-in or "no autorizado".
 * A user that must change its password or enroll a second factor is sent there first.
 */
export async function requireUser(...roles: Role[]): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect("/ingresar");
  const pending = pendingStep(user);
  if (pending) redirect(pending);
  if (roles.length > 0 && !roles.includes(user.role)) redirect("/no-autorizado");
  return user;
}

/** For the account pages themselves (change password, security): signed in is enough. */
export async function requireAccountUser(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect("/ingresar");
  return user;
}

export { CHANGE_PASSWORD_PATH, SECURITY_PATH, pendingStep, type SignedInUser } from "@/lib/auth/signed-in-user";
