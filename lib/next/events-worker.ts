/** The events worker of a web process (instrumentation.ts), on the process's own database handle. */
import { eventSettings } from "@/lib/events/settings";
import { WORKER_NAME } from "@/lib/events/webhooks/deliver";
import { EventWorker } from "@/lib/events/worker";
import { log } from "@/lib/observability/log";
import { outsideRequest } from "@/lib/observability/request-context";
import { ordersContext } from "./context";

const globalForScop = globalThis as unknown as { scopEventWorker?: EventWorker };

export function startEventsWorker(): void {
  if (globalForScop.scopEventWorker) return;
  if (!eventSettings.workerInProcess()) {
    log("events").info("SCOP_EVENTS_WORKER=off: este proceso no entrega eventos (lo hace `npm run worker`).");
    return;
  }
  const ctx = ordersContext();
  const worker = new EventWorker({ db: ctx.db, now: ctx.now, worker: WORKER_NAME });
  globalForScop.scopEventWorker = worker;
  // its loops run for the life of the process: never under the id of whatever request is being served
  outsideRequest(() => worker.start());
}
