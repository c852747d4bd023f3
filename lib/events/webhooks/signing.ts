/**
 * Standard Webhooks signatures: HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`
 * with the secret's bytes (the base64 after `whsec_`), sent as `v1,<base64>`; during a rotation
 * both secrets sign, space-separated, so a receiver holding either verifies. The tests verify
 * these with the `standardwebhooks` library, not with this code.
 */
import { createHmac } from "node:crypto";
import { SECRET_PREFIX } from "./secrets";

export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const bytes = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return `v1,${createHmac("sha256", bytes).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The three headers of one attempt (the timestamp is the attempt's, in seconds). */
export function webhookHeaders(secrets: readonly string[], id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((secret) => signature(secret, id, timestamp, body)).join(" "),
  };
}
