/**
 * The log's cryptography in the browser: SHA-256 from @noble/hashes (synchronous, and also where
 * WebCrypto is missing: a page opened over plain http), Ed25519 from WebCrypto where the browser has
 * it (Chromium 137+), else from @noble/curves. Both libraries are audited and bundled: nothing is
 * fetched at run time.
 */
import { ed25519 } from "@noble/curves/ed25519.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import type { Sha256 } from "./merkle";
import type { Ed25519Verify } from "./note";

export const browserSha256: Sha256 = (...parts) => {
  const hash = nobleSha256.create();
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** Which Ed25519 did the verifying, for the page to say. */
export let ed25519Implementation: "WebCrypto" | "@noble/curves" = "@noble/curves";

export const browserEd25519Verify: Ed25519Verify = async (publicKey, message, signature) => {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    try {
      const key = await subtle.importKey("raw", publicKey as BufferSource, { name: "Ed25519" }, false, ["verify"]);
      const valid = await subtle.verify({ name: "Ed25519" }, key, signature as BufferSource, message as BufferSource);
      ed25519Implementation = "WebCrypto";
      return valid;
    } catch {
      // this browser's WebCrypto has no Ed25519: fall through to the library
    }
  }
  ed25519Implementation = "@noble/curves";
  return ed25519.verify(signature, message, publicKey);
};
