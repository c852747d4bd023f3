/**
 * The front door's view of each request once it is answered: one access log line (request id,
 * method, route, status, duration, client address, and who acted when the app learned it) and the
 * HTTP metrics. Only here is the final status of every response known — Next.js exposes none for
 * a page it rendered. The request runs inside its request context (observability/request-context),
 * so every line the app logs meanwhile carries the same id.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { runInRequest, type RequestContext } from "@/lib/observability/request-context";
import type { RouteOf } from "./routes";

/** Status recorded for a response the client closed before it was complete (nginx's convention). */
export const CLIENT_CLOSED = 499;

export interface Stamp {
  requestId: string;
  clientAddress: string;
}

/**
 * Serves one request through `handle` inside its context, and logs and counts it when the
 * response ends. The id also goes out in Server-Timing, which the error pages read to show it
 * (components/request-id.ts): a page cannot read its own response's headers, but it can read that.
 */
export function serveObserved(request: IncomingMessage, response: ServerResponse, stamp: Stamp, routeOf: RouteOf, handle: () => unknown): void {
  const started = process.hrtime.bigint();
  const context: RequestContext = { requestId: stamp.requestId, clientAddress: stamp.clientAddress };
  const method = request.method ?? "GET";
  const pathname = pathOf(request.url);
  const route = routeOf(pathname);
  const { httpRequests, httpDuration, httpInFlight } = metrics();
  // Not on Next.js's prefetches: the error page takes the last request that carries an id, and a
  // link prefetched while a navigation fails is not the request that failed.
  const prefetch = request.headers["next-router-prefetch"] !== undefined || request.headers["next-router-segment-prefetch"] !== undefined;
  if (!prefetch) response.setHeader("Server-Timing", `rid;desc="${stamp.requestId}"`);
  httpInFlight.inc();

  response.once("close", () => {
    httpInFlight.dec();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = response.writableFinished ? response.statusCode : CLIENT_CLOSED;
    httpRequests.inc({ method, route, status: String(status) });
    httpDuration.observe({ method, route }, seconds);
    const line = {
      reqId: stamp.requestId,
      method,
      route,
      path: pathname,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      ip: stamp.clientAddress,
      role: context.role,
      userId: context.userId,
      apiKeyId: context.apiKeyId,
      error: context.error,
      ua: request.headers["user-agent"],
    };
    const logger = log("http");
    if ((status >= 500 && status !== CLIENT_CLOSED) || context.error) logger.warn(line, "solicitud");
    else if (route === "/_next/static") logger.debug(line, "solicitud");
    else logger.info(line, "solicitud");
  });

  runInRequest(context, handle);
}

/** The path without its query string (which may carry filters or tokens: not logged), at most 512 characters. */
function pathOf(url: string | undefined): string {
  if (!url) return "/";
  const end = url.search(/[?#]/);
  return (end === -1 ? url : url.slice(0, end)).slice(0, 512);
}
