import "server-only";
/** The session as pages, actions and route handlers see it (the Next.js side of lib/auth). */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/accounts/roles";
import { totpRequired } from "@/lib/accounts/totp";
import { ANYONE, ROUTES, allows, type PagePath } from "@/lib/auth/permissions";
import { sessionIsOpen } from "@/lib/auth/sessions";
import type { AgentType } from "@/lib/registry/agent-types";
import { pendingStep, type SignedInUser } from "@/lib/auth/signed-in-user";
import { noteActor } from "@/lib/observability/request-context";
import { database } from "./context";
import { SESSION_ABSOLUTE_SECONDS, authOptions } from "./auth-options";

/**
 * The signed-in user, re-read from the database on every request: a signed-out session, a
 * deactivated account or a changed password (session version) ends the session at once even
 * though the JWT is still valid, and so does the absolute limit of 12 hours since sign-in.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await getServerSession(authOptions);
  const identity = session?.user;
  if (!identity?.userId || typeof identity.sessionId !== "string") return null;
  const signedInAt = identity.signedInAt;
  if (typeof signedInAt !== "number" || Date.now() - signedInAt > SESSION_ABSOLUTE_SECONDS * 1000) return null;
  const user = await database().transaction(async (tx) => {
    if (!(await sessionIsOpen(tx, identity.userId, identity.sessionId))) return null;
    return tx.user.findUnique({ where: { id: identity.userId }, include: { agent: { select: { businessName: true, type: true } } } });
  });
  if (!user || !user.active || user.sessionVersion !== identity.sessionVersion) return null;
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
    sessionId: identity.sessionId,
  };
});

/**
 * For a page: the signed-in user that the permission table lets open it (lib/auth/permissions.ts);
 * otherwise to sign-in, to the account's pending step (change the password, enroll the second
 * factor), or to "no autorizado". A public page answers null when nobody is signed in.
 */
export async function requirePage(path: PagePath): Promise<SignedInUser> {
  const { access } = ROUTES[path];
  if (access === ANYONE) throw new Error(`${path} es una página pública: use currentUser`);
  const user = await currentUser();
  // back to this page after signing in (a page with a [segment] cannot name its own address here;
  // proxy.ts sends a request without any session to sign-in with its full address first)
  if (!user) redirect(path.includes("[") ? "/ingresar" : `/ingresar?next=${encodeURIComponent(path)}`);
  const pending = pendingStep(user);
  if (allows(access, { role: user.role, pending: pending !== null })) return user;
  if (pending) redirect(pending);
  redirect("/no-autorizado");
}

/** For the portal's layout: any signed-in user (each page then checks its own entry). */
export async function requireSignedIn(): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect("/ingresar");
  return user;
}

export { CHANGE_PASSWORD_PATH, SECURITY_PATH, pendingStep, type SignedInUser } from "@/lib/auth/signed-in-user";
