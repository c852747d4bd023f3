/**
 * Signed notes (C2SP signed-note) with Ed25519 signatures, and the log's checkpoints in them
 * (C2SP tlog-checkpoint): the text "<origin>\n<tree size>\n<base64 root hash>\n", a blank line, and
 * one line per signature, "— <key name> <base64(4-byte key id || 64-byte signature)>".
 *
 * key id = SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4]
 * verifier key (vkey) = "<key name>+<hex key id>+<base64(0x01 || public key)>"
 * signer key = "PRIVATE+KEY+<key name>+<hex key id>+<base64(0x01 || 32-byte seed)>" (the form of
 * golang.org/x/mod/sumdb/note, so keys made by Go's tools work here too)
 *
 * Isomorphic: SHA-256 and Ed25519 verification are passed in (node:crypto on the server; WebCrypto,
 * or @noble/curves where the browser lacks Ed25519, on the verification page).
 */
import { concatBytes, fromBase64, fromHex, toBase64, toHex } from "./bytes";
import { equalBytes, type Sha256 } from "./merkle";

export const ED25519 = 0x01;
const EM_DASH = "\u2014";
const MAX_SIGNATURES = 16;

export type Ed25519Verify = (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => Promise<boolean>;

export interface VerifierKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

const encoder = new TextEncoder();

function checkKeyName(name: string) {
  if (!name || /[\s+]/u.test(name)) throw new Error("nombre de clave inválido: no puede estar vacío ni tener espacios o '+'");
}

export function keyIdOf(sha256: Sha256, name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(encoder.encode(name), Uint8Array.of(0x0a, ED25519), publicKey).slice(0, 4);
}

export function formatVerifierKey(sha256: Sha256, name: string, publicKey: Uint8Array): string {
  checkKeyName(name);
  return `${name}+${toHex(keyIdOf(sha256, name, publicKey))}+${toBase64(concatBytes(Uint8Array.of(ED25519), publicKey))}`;
}

export function parseVerifierKey(sha256: Sha256, vkey: string): VerifierKey {
  const parts = vkey.trim().split("+");
  if (parts.length !== 3) throw new Error("clave de verificación mal formada: se espera <nombre>+<id>+<clave>");
  const [name, idHex, keyB64] = parts;
  checkKeyName(name);
  const material = fromBase64(keyB64);
  if (material.length !== 33 || material[0] !== ED25519) throw new Error("la clave de verificación no es Ed25519");
  const publicKey = material.slice(1);
  const keyId = fromHex(idHex);
  if (keyId.length !== 4 || !equalBytes(keyId, keyIdOf(sha256, name, publicKey))) throw new Error("el id de la clave no corresponde a su nombre y clave pública");
  return { name, keyId, publicKey };
}

export interface SignerKey {
  name: string;
  keyId: Uint8Array;
  seed: Uint8Array;
}

/** Parses "PRIVATE+KEY+<name>+<id>+<base64(0x01 || seed)>"; the id is checked once the public key is known. */
export function parseSignerKey(text: string): SignerKey {
  const parts = text.trim().split("+");
  // the base64 part may itself contain '+'
  if (parts.length < 5 || parts[0] !== "PRIVATE" || parts[1] !== "KEY") throw new Error("clave de firma mal formada: se espera PRIVATE+KEY+<nombre>+<id>+<clave>");
  const name = parts[2];
  checkKeyName(name);
  const keyId = fromHex(parts[3]);
  const material = fromBase64(parts.slice(4).join("+"));
  if (keyId.length !== 4 || material.length !== 33 || material[0] !== ED25519) throw new Error("la clave de firma no es Ed25519");
  return { name, keyId, seed: material.slice(1) };
}

export function formatSignerKey(sha256: Sha256, name: string, seed: Uint8Array, publicKey: Uint8Array): string {
  checkKeyName(name);
  return `PRIVATE+KEY+${name}+${toHex(keyIdOf(sha256, name, publicKey))}+${toBase64(concatBytes(Uint8Array.of(ED25519), seed))}`;
}

export interface NoteSignature {
  name: string;
  keyId: Uint8Array;
  signature: Uint8Array;
}

export interface Note {
  text: string;
  signatures: NoteSignature[];
}

/** The signature line of `text` signed with `signature` by the named key. */
export function signatureLine(name: string, keyId: Uint8Array, signature: Uint8Array): string {
  return `${EM_DASH} ${name} ${toBase64(concatBytes(keyId, signature))}\n`;
}

export function parseNote(message: string): Note {
  if (message.length > 1_000_000) throw new Error("nota demasiado grande");
  if (/[\u0000-\u0009\u000b-\u001f]/.test(message)) throw new Error("la nota tiene caracteres de control");
  const split = message.lastIndexOf("\n\n");
  if (split < 0 || !message.endsWith("\n")) throw new Error("nota mal formada: falta la línea en blanco antes de las firmas");
  const text = message.slice(0, split + 1);
  const lines = message.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw new Error("la nota tiene demasiadas firmas");
  const signatures = lines.map((line) => {
    const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!match) throw new Error("línea de firma mal formada");
    const blob = fromBase64(match[2]);
    if (blob.length < 5) throw new Error("firma demasiado corta");
    return { name: match[1], keyId: blob.slice(0, 4), signature: blob.slice(4) };
  });
  return { text, signatures };
}

/**
 * Opens a signed note with the keys the caller trusts: signatures by other keys are ignored, a
 * failed signature of a known key rejects the note, and at least one known key must have signed.
 */
export async function openNote(message: string, keys: readonly VerifierKey[], verify: Ed25519Verify): Promise<{ text: string; verifiedBy: VerifierKey[] }> {
  const note = parseNote(message);
  const bytes = encoder.encode(note.text);
  const verifiedBy: VerifierKey[] = [];
  for (const signature of note.signatures) {
    const key = keys.find((candidate) => candidate.name === signature.name && equalBytes(candidate.keyId, signature.keyId));
    if (!key) continue;
    if (signature.signature.length !== 64 || !(await verify(key.publicKey, bytes, signature.signature))) {
      throw new Error(`la firma de ${key.name} no es válida: la nota fue alterada`);
    }
    verifiedBy.push(key);
  }
  if (verifiedBy.length === 0) throw new Error("la nota no está firmada por una clave de confianza");
  return { text: note.text, verifiedBy };
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

export function checkpointText(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${toBase64(checkpoint.root)}\n`;
}

export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split("\n");
  if (lines.length < 4 || lines[lines.length - 1] !== "") throw new Error("checkpoint mal formado");
  const [origin, sizeText, rootText] = lines;
  if (!origin) throw new Error("checkpoint sin origen");
  if (!/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw new Error("tamaño de árbol inválido en el checkpoint");
  const root = fromBase64(rootText);
  if (root.length !== 32) throw new Error("hash raíz inválido en el checkpoint");
  if (lines.slice(3, -1).some((line) => line === "")) throw new Error("línea de extensión vacía en el checkpoint");
  return { origin, size: Number(sizeText), root };
}

/** Verifies a signed checkpoint with the trusted keys and, when given, its expected origin. */
export async function openCheckpoint(message: string, keys: readonly VerifierKey[], verify: Ed25519Verify, origin?: string): Promise<Checkpoint> {
  const { text } = await openNote(message, keys, verify);
  const checkpoint = parseCheckpointText(text);
  if (origin !== undefined && checkpoint.origin !== origin) throw new Error(`el checkpoint es de otro registro (${checkpoint.origin})`);
  return checkpoint;
}
