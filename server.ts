/**
 * The portal's production server: Next.js's request handler behind a thin Node HTTP front door,
 * because only here is the socket known. Before Next.js runs, it decides the client's address and
 * the request id (lib/http/front-door.ts), returns the id in `X-Request-Id`, sets the security
 * headers of every response, and answers itself what Next.js answers wrongly: a malformed `%` in
 * the path, and methods a route does not answer (lib/http/request-policy.ts).
 *
 * It refuses to start with the public development secrets unless in demo mode (lib/config.ts).
 *
 * `npm run build` bundles this file into .next/scop-server.mjs; `npm start` runs it. Options as
 * `next start`'s: `-p/--port` (or PORT, default 3000) and `-H/--hostname` (or HOSTNAME).
 */
import { createReadStream, readdirSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { serveObserved } from "@/lib/http/access-log";
import { assertProductionSecrets, FRONT_DOOR } from "@/lib/config";
import { stampRequest, trustedProxies } from "@/lib/http/front-door";
import { loadPrecompressed, precompressedAnswer } from "@/lib/http/precompressed";
import { STRICT_CSP, earlyAnswer, securityHeaders } from "@/lib/http/request-policy";
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
try {
  assertProductionSecrets();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
// instrumentation.ts refuses a production server that did not come through this door
(globalThis as Record<symbol, unknown>)[FRONT_DOOR] = true;

const trust = trustedProxies(process.env.SCOP_TRUSTED_PROXIES);
const { default: next } = await import("next");
// The bundle lives in .next/, one level below the project.
const dir = path.resolve(import.meta.dirname, "..");
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
const routeOf = loadRouteMatcher(dir);

/** The files of public/, served by Next.js as they are (GET and HEAD only). */
const publicFiles = new Set(
  readdirSync(path.join(dir, "public"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${path.relative(path.join(dir, "public"), path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`),
);

/** Brotli copies of the build's scripts and styles (lib/http/precompressed.ts). */
const brotliFiles = loadPrecompressed(path.join(dir, ".next", "static"));

const server = createServer((request, response) => {
  const stamp = stampRequest(request, trust);
  response.setHeader("X-Request-Id", stamp.requestId);
  for (const [name, value] of Object.entries(securityHeaders(stamp.https))) response.setHeader(name, value);
  // the access log line, the HTTP metrics, and the request's context for the app's own log lines
  serveObserved(request, response, stamp, routeOf, () => {
    const url = request.url ?? "/";
    const early = earlyAnswer(request.method ?? "GET", url, (pathname) => publicFiles.has(pathname));
    if (early) {
      response.writeHead(early.status, early.headers);
      response.end(request.method === "HEAD" ? undefined : early.body);
      return;
    }
    // pages get their policy, with a nonce, from proxy.ts; the API's answers and Next.js's files this one
    if (url.startsWith("/api/") || url.startsWith("/_next/")) response.setHeader("Content-Security-Policy", STRICT_CSP);
    const brotli = precompressedAnswer(brotliFiles, request.method ?? "GET", url, request.headers["accept-encoding"]);
    if (brotli) {
      response.writeHead(200, brotli.headers);
      if (!brotli.file) response.end();
      else
        createReadStream(brotli.file)
          .on("error", (error) => response.destroy(error))
          .pipe(response);
      return;
    }
    void handle(request, response);
  });
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
