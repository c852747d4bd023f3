/**
 * Next.js calls register() once when a server process starts (next dev, next start, and the
 * production front door server.ts, which runs Next.js in-process): it starts the events worker
 * there, on the process's one database handle — on SQLite the one serialized connection, so the
 * worker never opens a second writer. SCOP_EVENTS_WORKER=off leaves it to `npm run worker`.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startEventsWorker } = await import("@/lib/next/events-worker");
  startEventsWorker();
}
