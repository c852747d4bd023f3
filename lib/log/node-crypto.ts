/**
 * The log's cryptography on the server, all from node:crypto: SHA-256, Ed25519 signing with the
 * log's key, and verification.
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { rfc9162Hasher, type Sha256 } from "./merkle";
import { formatVerifierKey, keyIdOf, parseSignerKey, signatureLine, parseVerifierKey, type Ed25519Verify, type VerifierKey } from "./note";
import { equalBytes } from "./merkle";

export const sha256: Sha256 = (...parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const hasher = rfc9162Hasher(sha256);

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
