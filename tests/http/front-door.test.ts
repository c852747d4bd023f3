import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { stampRequest, trustedProxies } from "@/lib/http/front-door";

function request(remoteAddress: string, headers: Record<string, string>): IncomingMessage {
  return { socket: { remoteAddress }, connection: { remoteAddress }, headers: { ...headers } } as unknown as IncomingMessage;
}

describe("the front door's client address and request id", () => {
  it("ignores a client's X-Forwarded-For and X-Real-IP when no proxy is trusted", () => {
    const sent = request("203.0.113.7", { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7", "x-request-id": "forged-request-id" });
    const { clientAddress, requestId } = stampRequest(sent, trustedProxies(undefined));
    expect(clientAddress).toBe("203.0.113.7");
    expect(sent.headers["x-forwarded-for"]).toBe("203.0.113.7");
    expect(sent.headers["x-real-ip"]).toBeUndefined();
    expect(requestId).not.toBe("forged-request-id");
    expect(requestId).toMatch(/^[0-9a-f]{16}$/);
    expect(sent.headers["x-request-id"]).toBe(requestId);
  });

  it("believes a configured proxy, and only the hops it vouches for", () => {
    const trust = trustedProxies("10.0.0.0/8, loopback");
    const viaProxy = request("10.1.2.3", { "x-forwarded-for": "6.6.6.6, 198.51.100.9", "x-request-id": "lb-0123456789" });
    expect(stampRequest(viaProxy, trust)).toEqual({ clientAddress: "198.51.100.9", requestId: "lb-0123456789", https: false });

    const direct = request("203.0.113.7", { "x-forwarded-for": "198.51.100.9" });
    expect(stampRequest(direct, trust).clientAddress).toBe("203.0.113.7");
  });

  it("makes a new id when a trusted proxy's is not a sane token", () => {
    const viaProxy = request("127.0.0.1", { "x-forwarded-for": "198.51.100.9", "x-request-id": "<script>" });
    expect(stampRequest(viaProxy, trustedProxies("loopback")).requestId).toMatch(/^[0-9a-f]{16}$/);
  });
});
