import type { Role } from "@/lib/accounts/roles";
import type { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import type { Database } from "@/lib/db/database";

/** Who acts: the signed-in user (or API key) with the agent it acts for and its role. */
export interface Actor {
  userId: number;
  agentId: number;
  role: Role;
}

/** What every order service needs; the app builds one (lib/next/context.ts), tests their own. */
export interface OrdersContext {
  db: Database;
  codes: AuthorizationCodeGenerator;
  now: () => Date;
}
