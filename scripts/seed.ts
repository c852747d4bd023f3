/**
 * `npm run seed`: migrates DATABASE_URL and loads the demo data when the database is empty.
 * `npm run seed -- --reset` first deletes the SQLite file (never a PostgreSQL database).
 */
import { rmSync } from "node:fs";
import { databaseUrl } from "@/lib/config";
import { dialectOf, engineOf } from "@/lib/db/engine";
import { migrate } from "@/lib/db/migrate";
import { logSigner } from "@/lib/log/keys";
import { sequence } from "@/lib/log/sequencer";
import { demoDayFromEnvironment, isSeeded, seedDemo } from "@/lib/seed/demo";
import { cliContext } from "./cli-context";

const url = databaseUrl();
if (process.argv.includes("--reset")) {
  const file = dialectOf(engineOf(url)).file(url, process.cwd());
  if (file === null) {
    console.error("--reset solo elimina bases SQLite; para PostgreSQL elimine la base de datos usted mismo.");
    process.exit(2);
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  console.log(`Eliminada ${file}`);
}

await migrate(url);
const ctx = cliContext(url);
if (await isSeeded(ctx.db)) {
  console.log("La base de datos ya tiene datos: no se cargan los datos de demostración.");
} else {
  const started = Date.now();
  const { orders, legacy } = await seedDemo(ctx, { today: demoDayFromEnvironment(ctx.now()) });
  console.log(`Datos de demostración cargados: ${orders} órdenes y ${legacy} del SCOP anterior en ${Date.now() - started} ms.`);
  // the demo's movements in the signed log at once (the server's sequencer would in a few seconds)
  const logged = await sequence(ctx.db, logSigner());
  console.log(`Registro de movimientos: ${logged.treeSize} hojas, checkpoint firmado por ${logSigner().name}.`);
}
await ctx.db.close();
