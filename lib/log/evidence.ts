/**
 * Evidence that some records are in the signed log, and its verification — the same code in the
 * browser (public verification page), in `npm run verify:log -- --url … --code …` and for a
 * printed constancia. Evidence is a signed checkpoint plus, per leaf, its opening (nonceP, the
 * public part P and the digest of the private part, or the private part itself with nonceQ) and
 * its inclusion proof in that checkpoint's tree.
 */
import { fromBase64 } from "./bytes";
import { decodePart, leafData, privateDigest, type LeafKind, type LeafRecord, NONCE_BYTES } from "./leaf";
import { equalBytes, rfc9162Hasher, verifyInclusion, type Sha256 } from "./merkle";
import { openCheckpoint, type Checkpoint, type Ed25519Verify, type VerifierKey } from "./note";

export interface LeafOpening {
  index: number;
  kind: LeafKind;
  /** the leaf format (lib/log/leaf.ts); absent: 1 */
  version?: number;
  /** base64 of the 16-byte nonce of the public part */
  nonceP: string;
  /** base64 of the public part's canonical bytes */
  public: string;
  /** base64 of hQ, the salted digest of the private part */
  privateDigest: string;
  /** only on a constancia: base64 of nonceQ and of the private part's bytes */
  nonceQ?: string;
  private?: string;
  /** base64 hashes of the inclusion proof in the checkpoint's tree */
  proof: string[];
}

export interface Evidence {
  /** the signed checkpoint (C2SP tlog-checkpoint) the proofs lead to */
  checkpoint: string;
  leaves: LeafOpening[];
}

export type OpenedLeaf =
  | { index: number; kind: "MOVEMENT"; public: Extract<LeafRecord, { kind: "MOVEMENT" }>["public"]; private?: Extract<LeafRecord, { kind: "MOVEMENT" }>["private"] }
  | { index: number; kind: "AGENT"; public: Extract<LeafRecord, { kind: "AGENT" }>["public"]; private?: Extract<LeafRecord, { kind: "AGENT" }>["private"] }
  | { index: number; kind: "TRUCK"; public: Extract<LeafRecord, { kind: "TRUCK" }>["public"]; private?: Extract<LeafRecord, { kind: "TRUCK" }>["private"] };

export interface VerifiedEvidence {
  checkpoint: Checkpoint;
  signedBy: string;
  leaves: OpenedLeaf[];
}

/** The leaf hash an opening commits to (checking the private part against its digest when given). */
export function openingLeafHash(sha256: Sha256, opening: LeafOpening): Uint8Array {
  const nonceP = fromBase64(opening.nonceP);
  const publicBytes = fromBase64(opening.public);
  let hQ = fromBase64(opening.privateDigest);
  if (opening.private !== undefined) {
    const nonceQ = fromBase64(opening.nonceQ ?? "");
    if (nonceQ.length !== NONCE_BYTES) throw new Error(`hoja ${opening.index}: nonce privado inválido`);
    const computed = privateDigest(sha256, nonceQ, fromBase64(opening.private));
    if (!equalBytes(computed, hQ)) throw new Error(`hoja ${opening.index}: la parte privada no corresponde a su resumen`);
    hQ = computed;
  }
  return rfc9162Hasher(sha256).leaf(leafData(sha256, opening.kind, nonceP, publicBytes, hQ, opening.version ?? 1));
}

/**
 * Verifies evidence with the keys the caller trusts: the checkpoint's signature, then every leaf's
 * inclusion in its tree. Throws, naming the leaf, at the first thing that does not verify; returns
 * the decoded records, which are then exactly what the signed log holds.
 */
export async function verifyEvidence(sha256: Sha256, ed25519: Ed25519Verify, evidence: Evidence, keys: readonly VerifierKey[]): Promise<VerifiedEvidence> {
  const checkpoint = await openCheckpoint(evidence.checkpoint, keys, ed25519);
  const hasher = rfc9162Hasher(sha256);
  const leaves: OpenedLeaf[] = [];
  for (const opening of evidence.leaves) {
    const leafHash = openingLeafHash(sha256, opening);
    const proof = opening.proof.map(fromBase64);
    if (!verifyInclusion(hasher, opening.index, checkpoint.size, leafHash, proof, checkpoint.root)) {
      throw new Error(`la hoja ${opening.index} no está en el árbol firmado de ${checkpoint.size} hojas`);
    }
    const version = opening.version ?? 1;
    const publicPart = decodePart(opening.kind, "public", fromBase64(opening.public), version);
    const privatePart = opening.private !== undefined ? decodePart(opening.kind, "private", fromBase64(opening.private), version) : undefined;
    leaves.push({ index: opening.index, kind: opening.kind, public: publicPart, private: privatePart } as OpenedLeaf);
  }
  const signer = keys.find((key) => key.name === checkpoint.origin) ?? keys[0];
  return { checkpoint, signedBy: signer.name, leaves };
}
