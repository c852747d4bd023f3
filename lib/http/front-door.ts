/**
 * What the portal's HTTP front door (server.ts) decides about every request before Next.js sees
 * it: who the client is, and the request's id. Next.js keeps an `X-Forwarded-For` sent by the
 * client, so without this any client could claim any address (the sign-in lockout and the audit
 * log read it). Only a configured proxy is believed (SCOP_TRUSTED_PROXIES, proxy-addr's syntax:
 * addresses, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`); by default nobody is, and
 * the address is the socket's.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

export function trustedProxies(setting: string | undefined): TrustProxy {
  const entries = (setting ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return proxyaddr.compile(entries);
}

/** The client's address: the socket's, or what a chain of trusted proxies reports. */
export function clientAddress(request: IncomingMessage, trust: TrustProxy): string {
  return proxyaddr(request, trust);
}

/** Whether the request reached us straight from a trusted proxy (whose headers we may believe). */
export function fromTrustedProxy(request: IncomingMessage, trust: TrustProxy): boolean {
  const socketAddress = request.socket.remoteAddress;
  return socketAddress !== undefined && trust(socketAddress, 0);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** A trusted proxy's `X-Request-Id` when it sent a sane one, else a new one (16 hex digits, easy to quote). */
export function requestIdOf(request: IncomingMessage, trusted: boolean): string {
  const sent = request.headers["x-request-id"];
  if (trusted && typeof sent === "string" && REQUEST_ID.test(sent)) return sent;
  return randomBytes(8).toString("hex");
}

/** Headers about the original request that only a trusted proxy may send (Next.js reads some of them). */
const PROXY_HEADERS = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/**
 * Rewrites the headers the app reads so that they say what the front door decided: one
 * `X-Forwarded-For` with the client's address, the request id, no `X-Real-IP` of the client's,
 * and the other forwarding headers only when a trusted proxy sent them. Answers whether the
 * client reached us over HTTPS (a TLS socket, or a trusted proxy's `X-Forwarded-Proto: https`).
 */
export function stampRequest(request: IncomingMessage, trust: TrustProxy): { clientAddress: string; requestId: string; https: boolean } {
  const trusted = fromTrustedProxy(request, trust);
  const address = clientAddress(request, trust);
  const requestId = requestIdOf(request, trusted);
  request.headers["x-forwarded-for"] = address;
  delete request.headers["x-real-ip"];
  if (!trusted) for (const name of PROXY_HEADERS) delete request.headers[name];
  request.headers["x-request-id"] = requestId;
  const forwardedProto = request.headers["x-forwarded-proto"];
  const https = "encrypted" in request.socket && request.socket.encrypted === true ? true : trusted && typeof forwardedProto === "string" && forwardedProto.split(",")[0].trim() === "https";
  return { clientAddress: address, requestId, https };
}
