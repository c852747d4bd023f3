/**
 * Builds evidence (lib/log/evidence.ts) for rows already in the log: each leaf's opening and its
 * inclusion proof in the latest signed checkpoint. `withPrivate` adds the private parts (for the
 * constancia, printed for the order's own parties); the public page never gets them.
 */
import type { SqlStatements } from "@/lib/db/sql";
import { toBase64 } from "./bytes";
import type { Evidence, LeafOpening } from "./evidence";
import { commitRecord, type LeafKind } from "./leaf";
import { inclusionProof } from "./merkle";
import { hasher, sha256 } from "./node-crypto";
import { recordsOf, saltFor } from "./records";
import { latestCheckpoint, leafIndicesOf, loadTiles, readState } from "./store";
import { withTiles } from "./tiles";

export interface EvidenceResult {
  evidence: Evidence | null;
  /** leaf index per "KIND:id" of the rows in the signed tree */
  indexOf: Map<string, number>;
  /** rows not yet in a signed checkpoint (the sequencer runs every few seconds) */
  pending: { kind: LeafKind; id: number }[];
}

export async function evidenceFor(tx: SqlStatements, sources: readonly { kind: LeafKind; id: number }[], withPrivate = false): Promise<EvidenceResult> {
  const checkpoint = await latestCheckpoint(tx);
  const state = await readState(tx);
  const indexOf = new Map<string, number>();
  for (const kind of ["MOVEMENT", "AGENT", "TRUCK"] as const) {
    const ids = sources.filter((source) => source.kind === kind).map((source) => source.id);
    for (const [id, index] of await leafIndicesOf(tx, kind, ids)) {
      if (checkpoint && index < checkpoint.treeSize) indexOf.set(`${kind}:${id}`, index);
    }
  }
  const pending = sources.filter((source) => !indexOf.has(`${source.kind}:${source.id}`));
  if (!checkpoint || !state || indexOf.size === 0) return { evidence: null, indexOf, pending };

  const logged = sources.filter((source) => indexOf.has(`${source.kind}:${source.id}`));
  const records = await recordsOf(tx, logged);
  const size = checkpoint.treeSize;
  const proofs = await withTiles(hasher, (keys) => loadTiles(tx, keys), (nodes) =>
    logged.map((source) => inclusionProof(hasher, nodes, indexOf.get(`${source.kind}:${source.id}`)!, size)),
  );
  const leaves: LeafOpening[] = logged.map((source, i) => {
    const record = records.get(`${source.kind}:${source.id}`);
    if (!record) throw new Error(`la fila ${source.kind} ${source.id} del registro ya no existe`);
    const committed = commitRecord(sha256, record, saltFor(state.saltKey, source));
    return {
      index: indexOf.get(`${source.kind}:${source.id}`)!,
      kind: source.kind,
      // version 1 openings keep their original shape (printed constancias, older clients)
      ...(committed.version !== 1 ? { version: committed.version } : {}),
      nonceP: toBase64(committed.nonceP),
      public: toBase64(committed.publicBytes),
      privateDigest: toBase64(committed.hQ),
      ...(withPrivate ? { nonceQ: toBase64(committed.nonceQ), private: toBase64(committed.privateBytes) } : {}),
      proof: proofs[i].map(toBase64),
    };
  });
  return { evidence: { checkpoint: checkpoint.note, leaves }, indexOf, pending };
}
