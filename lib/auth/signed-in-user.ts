/**
 * Who is signed in, as every screen and action sees it, and what the account must do before it
 * may use the portal. Pure: lib/next/session.ts reads it from the session and the database.
 */
import type { Actor } from "@/lib/orders/context";
import type { AgentType } from "@/lib/registry/agent-types";

export interface SignedInUser extends Actor {
  username: string;
  fullName: string;
  agentName: string;
  agentType: AgentType;
  /** a reset or new account: it must choose its own password before anything else */
  mustChangePassword: boolean;
  totpEnabled: boolean;
  /** an ADMINISTRADOR or REGULADOR without a second factor: it must enroll before anything else */
  mustEnrollTotp: boolean;
  /** the server-side session this request belongs to (lib/auth/sessions.ts) */
  sessionId: string;
}

export const CHANGE_PASSWORD_PATH = "/cuenta/contrasena";
export const SECURITY_PATH = "/cuenta/seguridad";

/** Where a signed-in user must go before using the portal, if anywhere. */
export function pendingStep(user: SignedInUser): string | null {
  if (user.mustChangePassword) return CHANGE_PASSWORD_PATH;
  if (user.mustEnrollTotp) return SECURITY_PATH;
  return null;
}
