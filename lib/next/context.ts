import "server-only";
import { SignInLimiter } from "@/lib/auth/lockout";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { databasePoolSize, databaseUrl, readDatabaseUrl, secret } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/database";
import { engineOf } from "@/lib/db/engine";
import type { OrdersContext } from "@/lib/orders/context";

/**
 * The one database handle and order context of this server process. Kept on globalThis so that
 * development hot reloads do not open a connection per reload.
 */
const globalForScop = globalThis as unknown as { scopContext?: OrdersContext<Database>; scopReadDatabase?: Database; scopSignInLimiter?: SignInLimiter };

export function ordersContext(): OrdersContext<Database> {
  globalForScop.scopContext ??= {
    db: createDatabase(databaseUrl(), { poolSize: databasePoolSize() }),
    codes: new AuthorizationCodeGenerator(secret("AUTH_CODE_SECRET")),
    now: () => new Date(),
  };
  return globalForScop.scopContext;
}

export function database(): Database {
  return ordersContext().db;
}

/**
 * The database for the regulator's nationwide reads: a replica when DATABASE_READ_URL names one
 * (it may lag the primary by moments, so nothing that must see a write just made reads here:
 * on-site verification and every order action stay on database()), else database() itself.
 */
export function readDatabase(): Database {
  const url = readDatabaseUrl();
  if (url === databaseUrl()) return database();
  if (engineOf(url) !== engineOf(databaseUrl())) {
    throw new Error("DATABASE_READ_URL debe ser del mismo motor que DATABASE_URL (una réplica de lectura de PostgreSQL).");
  }
  globalForScop.scopReadDatabase ??= createDatabase(url, { poolSize: databasePoolSize() });
  return globalForScop.scopReadDatabase;
}

/** The sign-in limiter of this process (its counters are in the database, shared by all). */
export function signInLimiter(): SignInLimiter {
  globalForScop.scopSignInLimiter ??= new SignInLimiter(database());
  return globalForScop.scopSignInLimiter;
}
