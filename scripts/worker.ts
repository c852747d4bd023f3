/**
 * `npm run worker`: the events worker on its own (notifications, e-mail, webhooks, scheduler), for
 * PostgreSQL deployments that run it apart from the web instances (set SCOP_EVENTS_WORKER=off on
 * those, or not: any number of workers share the queue without repeating work). `--once` delivers
 * what is due and exits.
 *
 * Not on SQLite: there the worker runs inside the web process, on its one connection — a second
 * process writing the same file is what the portal never does.
 */
import { parseArgs } from "node:util";
import { databasePoolSize, databaseUrl } from "@/lib/config";
import { createDatabase } from "@/lib/db/database";
import { engineOf } from "@/lib/db/engine";
import { WORKER_NAME } from "@/lib/events/webhooks/deliver";
import { EventWorker } from "@/lib/events/worker";

const { values } = parseArgs({ options: { once: { type: "boolean", default: false } } });
const url = databaseUrl();
if (engineOf(url) === "sqlite") {
  console.error(
    "Con SQLite el trabajador de eventos corre dentro del servidor web (npm start), sobre su única conexión: no se inicia aparte. " +
      "`npm run worker` es para PostgreSQL (DATABASE_URL=postgresql://…).",
  );
  process.exit(2);
}
const db = createDatabase(url, { poolSize: Math.min(databasePoolSize(), 5) });
const worker = new EventWorker({ db, now: () => new Date(), worker: WORKER_NAME });
if (values.once) {
  await worker.drain();
  await worker.tickScheduler();
  await worker.drain();
  await db.close();
} else {
  worker.start();
  console.log(`[scop] trabajador de eventos ${WORKER_NAME} en marcha (PostgreSQL).`);
  const stop = async () => {
    await worker.stop();
    await db.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
}
