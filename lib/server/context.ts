import "server-only";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { secret, databaseUrl } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/database";
import type { OrdersContext } from "@/lib/orders/context";

/**
 * The one database handle and order context of this server process. Kept on globalThis so that
 * development hot reloads do not open a connection per reload.
 */
const globalForScop = globalThis as unknown as { scopContext?: OrdersContext };

export function ordersContext(): OrdersContext {
  globalForScop.scopContext ??= {
    db: createDatabase(databaseUrl()),
    codes: new AuthorizationCodeGenerator(secret("AUTH_CODE_SECRET")),
    now: () => new Date(),
  };
  return globalForScop.scopContext;
}

export function database(): Database {
  return ordersContext().db;
}
