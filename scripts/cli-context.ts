/** The order context for command-line scripts (the app builds its own in lib/next/context.ts). */
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { databaseUrl, secret } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/database";
import type { OrdersContext } from "@/lib/orders/context";

export function cliContext(url = databaseUrl()): OrdersContext<Database> {
  return {
    db: createDatabase(url),
    codes: new AuthorizationCodeGenerator(secret("AUTH_CODE_SECRET")),
    now: () => new Date(),
  };
}
