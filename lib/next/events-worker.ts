/** The events worker of a web process (instrumentation.ts), on the process's own database handle. */
import { eventSettings } from "@/lib/events/settings";
import { WORKER_NAME } from "@/lib/events/webhooks/deliver";
import { EventWorker } from "@/lib/events/worker";
import { ordersContext } from "./context";

const globalForScop = globalThis as unknown as { scopEventWorker?: EventWorker };

export function startEventsWorker(): void {
  if (globalForScop.scopEventWorker) return;
  if (!eventSettings.workerInProcess()) {
    console.log("[scop] SCOP_EVENTS_WORKER=off: este proceso no entrega eventos (lo hace `npm run worker`).");
    return;
  }
  const ctx = ordersContext();
  const worker = new EventWorker({ db: ctx.db, now: ctx.now, worker: WORKER_NAME });
  globalForScop.scopEventWorker = worker;
  worker.start();
}
