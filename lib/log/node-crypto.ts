/**
 * The log's cryptography on the server, all from node:crypto: SHA-256, Ed25519 signing with the
 * log's key, and verification.
 */
import { createPrivateKey, createPublicKey, hash, sign, verify, type KeyObject } from "node:crypto";
import type { Hasher, Sha256 } from "./merkle";
import { formatVerifierKey, keyIdOf, parseSignerKey, signatureLine, parseVerifierKey, type Ed25519Verify, type VerifierKey } from "./note";
import { equalBytes } from "./merkle";

/** One-shot crypto.hash: several times cheaper per call than createHash, and the log hashes millions. */
export const sha256: Sha256 = (...parts) => hash("sha256", parts.length === 1 ? parts[0] : Buffer.concat(parts), "buffer");

// RFC 9162's leaf and node hashes, written into one reused buffer (the hash copies it synchronously)
const scratch = Buffer.alloc(65);
export const hasher: Hasher = {
  leaf(data) {
    if (data.length > 64) return sha256(Uint8Array.of(0x00), data);
    scratch[0] = 0x00;
    scratch.set(data, 1);
    return hash("sha256", scratch.subarray(0, data.length + 1), "buffer");
  },
  node(left, right) {
    if (left.length !== 32 || right.length !== 32) return sha256(Uint8Array.of(0x01), left, right);
    scratch[0] = 0x01;
    scratch.set(left, 1);
    scratch.set(right, 33);
    return hash("sha256", scratch, "buffer");
  },
  empty: () => sha256(),
};

const PKCS8_ED25519 = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_ED25519 = Buffer.from("302a300506032b6570032100", "hex");

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: "der", type: "spki" });
}

export const ed25519Verify: Ed25519Verify = async (publicKey, message, signature) => {
  try {
    return verify(null, message, publicKeyObject(publicKey), signature);
  } catch {
    return false;
  }
};

/** The log's signer: its name (the checkpoints' origin), key id, verifier key, and signing. */
export class LogSigner {
  readonly name: string;
  readonly keyId: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly verifierKey: VerifierKey;
  readonly vkey: string;
  readonly #privateKey: KeyObject;

  constructor(signerKey: string) {
    const parsed = parseSignerKey(signerKey);
    this.#privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, parsed.seed]), format: "der", type: "pkcs8" });
    const jwk = createPublicKey(this.#privateKey).export({ format: "jwk" });
    this.publicKey = Buffer.from(jwk.x!, "base64url");
    this.name = parsed.name;
    this.keyId = keyIdOf(sha256, parsed.name, this.publicKey);
    if (!equalBytes(this.keyId, parsed.keyId)) throw new Error("la clave de firma del registro no corresponde a su id: revise SCOP_LOG_SIGNING_KEY");
    this.vkey = formatVerifierKey(sha256, this.name, this.publicKey);
    this.verifierKey = parseVerifierKey(sha256, this.vkey);
  }

  /** The signed note of `text` (which must end in a newline). */
  signNote(text: string): string {
    if (!text.endsWith("\n")) throw new Error("el texto de una nota termina en salto de línea");
    const signature = sign(null, Buffer.from(text, "utf8"), this.#privateKey);
    return `${text}\n${signatureLine(this.name, this.keyId, signature)}`;
  }
}
