/**
 * Endpoint signing secrets: `whsec_` + base64 of 32 random bytes (Standard Webhooks), shown to
 * the agent once. The portal must sign with them, so it keeps them — encrypted at rest with
 * AES-256-GCM under WEBHOOK_SECRET_KEY, so a copy of the database alone cannot forge webhooks.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { secret } from "@/lib/config";

export const SECRET_PREFIX = "whsec_";

export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function key(): Buffer {
  return createHash("sha256").update(secret("WEBHOOK_SECRET_KEY")).digest();
}

/** "v1." + base64(iv ‖ tag ‖ ciphertext) */
export function sealSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64")}`;
}

export function openSecret(stored: string): string {
  if (!stored.startsWith("v1.")) throw new Error("secreto de webhook en un formato desconocido");
  const raw = Buffer.from(stored.slice(3), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
