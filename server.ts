/**
 * The portal's production server: Next.js's request handler behind a thin Node HTTP front door,
 * because only here is the socket known. It decides the client's address (lib/http/front-door.ts)
 * and the request id before Next.js runs, and returns the id in `X-Request-Id`.
 *
 * `npm run build` bundles this file into .next/scop-server.mjs; `npm start` runs it. Options as
 * `next start`'s: `-p/--port` (or PORT, default 3000) and `-H/--hostname` (or HOSTNAME).
 */
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { serveObserved } from "@/lib/http/access-log";
import { stampRequest, trustedProxies } from "@/lib/http/front-door";
import { loadRouteMatcher } from "@/lib/http/routes";
import { log } from "@/lib/observability/log";
import { startDraining } from "@/lib/observability/readiness";

// Set before Next.js loads: React and Next.js pick their production builds from it.
Object.assign(process.env, { NODE_ENV: "production" });

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  allowPositionals: false,
});
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? undefined;
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error(`Puerto no válido: ${values.port ?? process.env.PORT}`);
  process.exit(2);
}

const trust = trustedProxies(process.env.SCOP_TRUSTED_PROXIES);
const { default: next } = await import("next");
// The bundle lives in .next/, one level below the project.
const dir = path.resolve(import.meta.dirname, "..");
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
const routeOf = loadRouteMatcher(dir);

const server = createServer((request, response) => {
  const stamp = stampRequest(request, trust);
  response.setHeader("X-Request-Id", stamp.requestId);
  // the access log line, the HTTP metrics, and the request's context for the app's own log lines
  serveObserved(request, response, stamp, routeOf, () => void handle(request, response));
});
server.listen(port, hostname, () => {
  log("server").info({ port, host: hostname ?? "localhost" }, `SCOP GLP escuchando en http://${hostname ?? "localhost"}:${port}`);
});

function shutDown() {
  // /api/ready answers 503 from now on, to the balancer's checks on connections still open
  startDraining();
  server.close(() => process.exit(0));
  // Open keep-alive connections would hold close() forever.
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.once("SIGTERM", shutDown);
process.once("SIGINT", shutDown);
