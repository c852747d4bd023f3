import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import type { Role } from "@/lib/accounts/roles";
import type { Actor } from "@/lib/orders/context";
import type { AgentType } from "@/lib/registry/agent-types";
import { database } from "@/lib/server/context";
import { authOptions } from "./options";

export interface SignedInUser extends Actor {
  username: string;
  fullName: string;
  agentName: string;
  agentType: AgentType;
}

/**
 * The signed-in user, re-read from the database on every request: a deactivated account or a
 * changed password (session version) ends the session at once even though the JWT is still valid.
 */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user?.userId) return null;
  const user = await database().transaction((tx) =>
    tx.user.findUnique({ where: { id: session.user.userId }, include: { agent: { select: { businessName: true, type: true } } } }),
  );
  if (!user || !user.active || user.sessionVersion !== session.user.sessionVersion) return null;
  return {
    userId: user.id,
    agentId: user.agentId,
    role: user.role as Role,
    username: user.username,
    fullName: user.fullName,
    agentName: user.agent.businessName,
    agentType: user.agent.type as AgentType,
  };
});

/** For pages: the signed-in user with one of `roles`; otherwise to sign-in or "no autorizado". */
export async function requireUser(...roles: Role[]): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect("/ingresar");
  if (roles.length > 0 && !roles.includes(user.role)) redirect("/no-autorizado");
  return user;
}
