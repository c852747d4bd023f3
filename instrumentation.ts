/**
 * Next.js calls register() once when a server process starts (next dev, next start, and the
 * production front door server.ts, which runs Next.js in-process). It starts, on the process's one
 * database handle (on SQLite the one serialized connection, so neither opens a second writer):
 * - the events worker (SCOP_EVENTS_WORKER=off leaves it to `npm run worker`);
 * - the movement log's sequencer timer (lib/log/sequencer-timer.ts; SCOP_LOG_SEQUENCER=off leaves
 *   it to `npm run log:sequence -- --watch`).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startEventsWorker } = await import("@/lib/next/events-worker");
  startEventsWorker();

  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { logSequencerSettings } = await import("@/lib/config");
  const settings = logSequencerSettings();
  if (!settings.enabled) return;
  const { database } = await import("@/lib/next/context");
  const { logSigner } = await import("@/lib/log/keys");
  const { startSequencerTimer } = await import("@/lib/log/sequencer-timer");
  startSequencerTimer(database, logSigner, settings.intervalMs);
}
