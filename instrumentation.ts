import type { Instrumentation } from "next";

/**
 * Next.js calls register() once when a server process starts (next dev, next start, and the
 * production front door server.ts, which runs Next.js in-process). First a production server
 * refuses to start with unsafe settings (lib/next/startup-check.ts) rather than fail at the first
 * request; then it starts, on the process's one database handle (on SQLite the one serialized
 * connection, so neither opens a second writer):
 * - the events worker (SCOP_EVENTS_WORKER=off leaves it to `npm run worker`);
 * - the movement log's sequencer timer (lib/log/sequencer-timer.ts; SCOP_LOG_SEQUENCER=off leaves
 *   it to `npm run log:sequence -- --watch`).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseUnsafeStart } = await import("@/lib/next/startup-check");
  refuseUnsafeStart();
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

/**
 * Errors Next.js caught while rendering a page, running a route handler or a server action, as
 * one log line each: the request id (shown to the user on the error page), the digest (the
 * error's identifier in the browser) and the route. Next.js still prints its own line on stderr.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ log }, { metrics }, { currentRequest }] = await Promise.all([
    import("@/lib/observability/log"),
    import("@/lib/observability/metrics"),
    import("@/lib/observability/request-context"),
  ]);
  const header = request.headers["x-request-id"];
  const digest = typeof error === "object" && error !== null && "digest" in error ? String(error.digest) : undefined;
  const served = currentRequest();
  if (served) served.error = digest ?? "error";
  metrics().requestErrors.inc({ route: context.routePath, type: context.routeType });
  log("next").error(
    {
      err: error,
      reqId: Array.isArray(header) ? header[0] : header,
      digest,
      method: request.method,
      path: request.path.split("?")[0],
      route: context.routePath,
      routeType: context.routeType,
    },
    "error al atender la solicitud",
  );
};
