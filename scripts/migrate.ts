/** `npm run db:migrate`: applies the pending SQL migrations to DATABASE_URL (default: the SQLite file). */
import { databaseUrl } from "@/lib/config";
import { migrate } from "@/lib/db/migrate";

const url = databaseUrl();
const output = await migrate(url);
process.stdout.write(output || "Sin migraciones pendientes.\n");
