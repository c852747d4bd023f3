/**
 * One webhook POST, to the address the guard checked (never resolving the name again), with a
 * time limit and no redirects (a 3xx is a failed attempt: following it could lead inside).
 * Node's http/https keep connections alive per host, so a busy endpoint is not re-handshaken for
 * every event; TLS still verifies the certificate against the URL's host name.
 */
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { ResolvedAddress } from "./address-guard";

export interface PostOutcome {
  /** the HTTP status, or null when no answer came (refused, timed out, TLS failure) */
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

const agents = {
  "http:": new http.Agent({ keepAlive: true, maxSockets: 32 }),
  "https:": new https.Agent({ keepAlive: true, maxSockets: 32 }),
};

function fixedLookup(target: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
}

export function postWebhook(url: URL, target: ResolvedAddress, headers: Record<string, string>, body: string, timeoutMs: number): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const request = transport.request(
      {
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ""),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        agent: agents[url.protocol as "http:" | "https:"],
        lookup: fixedLookup(target),
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "SCOP-GLP-Webhooks/1.0",
        },
      },
      (response) => {
        response.resume();
        response.once("end", () => finish({ statusCode: response.statusCode ?? null, latencyMs: elapsed(), error: null }));
        response.once("error", (error) => finish({ statusCode: response.statusCode ?? null, latencyMs: elapsed(), error: error.message }));
      },
    );
    request.once("error", (error) => {
      const timedOut = error.name === "AbortError" || error.name === "TimeoutError";
      finish({ statusCode: null, latencyMs: elapsed(), error: timedOut ? `sin respuesta en ${timeoutMs} ms` : error.message });
    });
    request.end(body);
  });
}
