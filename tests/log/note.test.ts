/**
 * Signed notes and checkpoints (lib/log/note.ts, lib/log/node-crypto.ts) against the known answers
 * of the format's reference implementation (golang.org/x/mod/sumdb/note's documented example, used
 * as data) and of the C2SP signed-note specification.
 */
import { describe, expect, it } from "vitest";
import { toHex } from "@/lib/log/bytes";
import { browserEd25519Verify, browserSha256 } from "@/lib/log/browser-crypto";
import { LogSigner, ed25519Verify, sha256 } from "@/lib/log/node-crypto";
import { checkpointText, openCheckpoint, openNote, parseCheckpointText, parseVerifierKey } from "@/lib/log/note";

const GO_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const GO_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const GO_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const GO_NOTE = `${GO_TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;
const SPEC_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
const SPEC_NOTE = "This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

describe("signed notes", () => {
  it("sign exactly as the reference implementation (Ed25519 is deterministic), with its key id and vkey", () => {
    const signer = new LogSigner(GO_SKEY);
    expect(signer.vkey).toBe(GO_VKEY);
    expect(toHex(signer.keyId)).toBe("c74f20a3");
    expect(signer.signNote(GO_TEXT)).toBe(GO_NOTE);
  });

  it("open the reference's and the specification's examples, on the server and with the browser's implementations", async () => {
    for (const verify of [ed25519Verify, browserEd25519Verify]) {
      expect((await openNote(GO_NOTE, [parseVerifierKey(sha256, GO_VKEY)], verify)).text).toBe(GO_TEXT);
      expect((await openNote(SPEC_NOTE, [parseVerifierKey(browserSha256, SPEC_VKEY)], verify)).text).toBe("This is an example message.\n");
    }
  });

  it("refuse an altered text, unknown keys only, a vkey whose id does not match, and malformed notes", async () => {
    const key = parseVerifierKey(sha256, GO_VKEY);
    await expect(openNote(GO_NOTE.replace("cryptography", "cryptographY"), [key], ed25519Verify)).rejects.toThrow(/no es válida/);
    await expect(openNote(GO_NOTE, [parseVerifierKey(sha256, SPEC_VKEY)], ed25519Verify)).rejects.toThrow(/clave de confianza/);
    expect(() => parseVerifierKey(sha256, GO_VKEY.replace("c74f20a3", "c74f20a4"))).toThrow(/no corresponde/);
    await expect(openNote(GO_TEXT, [key], ed25519Verify)).rejects.toThrow(/mal formada/);
    await expect(openNote(GO_NOTE.replace("— ", "- "), [key], ed25519Verify)).rejects.toThrow(/firma mal formada/);
    await expect(openNote(`${GO_TEXT}\u0007\n${GO_NOTE}`, [key], ed25519Verify)).rejects.toThrow(/control/);
  });
});

describe("checkpoints", () => {
  it("are the three lines of C2SP tlog-checkpoint, signed by the log's key", async () => {
    const signer = new LogSigner(GO_SKEY);
    const root = sha256(new TextEncoder().encode("raíz"));
    const note = signer.signNote(checkpointText({ origin: "PeterNeumann", size: 20852163, root }));
    expect(note.split("\n").slice(0, 4)).toEqual(["PeterNeumann", "20852163", Buffer.from(root).toString("base64"), ""]);
    const checkpoint = await openCheckpoint(note, [signer.verifierKey], ed25519Verify, "PeterNeumann");
    expect(checkpoint.size).toBe(20852163);
    await expect(openCheckpoint(note, [signer.verifierKey], ed25519Verify, "otro.registro")).rejects.toThrow(/otro registro/);
    expect(() => parseCheckpointText("o\n012\nAAAA\n")).toThrow(/tamaño/);
    expect(() => parseCheckpointText("o\n12\nAAAA\n")).toThrow(/raíz/);
  });
});
