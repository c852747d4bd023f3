import type { Role } from "@/lib/accounts/roles";
import type { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import type { SqlRunner } from "@/lib/db/sql";

/** Who acts: the signed-in user (or API key) with the agent it acts for and its role. */
export interface Actor {
  userId: number;
  agentId: number;
  role: Role;
}

/**
 * What the order services use of the database: its plain-SQL runner, nothing else (the hot path,
 * lib/db/sql.ts). An API POST runs them on a runner that joins its idempotency transaction
 * (lib/api/idempotency.ts); the screens on the app's database (lib/next/context.ts).
 */
export interface OrdersDatabase {
  readonly sql: SqlRunner;
}

/**
 * What every order service needs; the app builds one (lib/next/context.ts, over the whole
 * Database: OrdersContext<Database>), tests their own.
 */
export interface OrdersContext<D extends OrdersDatabase = OrdersDatabase> {
  db: D;
  codes: AuthorizationCodeGenerator;
  now: () => Date;
}
