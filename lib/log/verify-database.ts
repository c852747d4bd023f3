/**
 * `npm run verify:log -- --database URL`: recomputes every leaf from the rows it records
 * (movements, orders, lots, agent and truck changes), rebuilds the whole tree from them, and checks it
 * against the latest signed checkpoint (with the trusted keys) and against every earlier checkpoint:
 * their roots at their sizes, and a consistency proof from each to the latest. It names the first
 * leaf whose row was edited or deleted, and any row the sequencer skipped.
 */
import type { Database } from "@/lib/db/database";
import { commitOrder, commitPosition, sql, type SqlStatements } from "@/lib/db/sql";
import type { LeafKind, LeafRecord } from "./leaf";
import { TreeBuilder, equalBytes, verifyConsistency } from "./merkle";
import { inProcessLeafHasher, startLeafPool } from "./leaf-pool";
import { ed25519Verify, hasher } from "./node-crypto";
import { openCheckpoint, type VerifierKey } from "./note";
import { consistencyProofBetween } from "./proofs";
import { recordsOf } from "./records";
import { checkpointsAfter, leafSources, loadTileRange, readState, type StoredCheckpoint } from "./store";
import { HASH_BYTES, TILE_WIDTH } from "./tiles";

export interface LeafProblem {
  index: number;
  kind: LeafKind;
  sourceId: number;
  problem: "ELIMINADO" | "MODIFICADO";
  /** for a movement still present: its order's code and event */
  description: string;
}

export interface VerifyReport {
  ok: boolean;
  treeSize: number;
  checkpoint: { size: number; signedAt: Date } | null;
  checkpointsChecked: number;
  leavesChecked: number;
  /** the first leaf whose row differs from what was logged, and how many differ in all */
  firstBadLeaf: LeafProblem | null;
  badLeaves: number;
  /** rows the sequencer passed over (never expected: a bug, or a row inserted behind its back) */
  skipped: { kind: LeafKind; id: number }[];
  /** rows not yet in the log (committed after its last run) */
  pending: number;
  problems: string[];
}

const CHUNK = 16_384;

function describe(record: LeafRecord | undefined, kind: LeafKind, id: number): string {
  if (!record) {
    return kind === "MOVEMENT" ? `el movimiento ${id} ya no existe` : kind === "AGENT" ? `el cambio de registro ${id} ya no existe` : `el cambio del registro de cisternas ${id} ya no existe`;
  }
  if (record.kind === "MOVEMENT") return `movimiento ${id}: orden ${record.public.code}, evento ${record.public.event}`;
  if (record.kind === "AGENT") return `cambio de registro ${id}: agente ${record.public.registryNumber} (${record.public.registryStatus})`;
  return `cambio del registro de cisternas ${id}: camión tanque ${record.public.plate}, registro ${record.public.registryNumber} (${record.public.state})`;
}

async function allCheckpoints(tx: SqlStatements): Promise<StoredCheckpoint[]> {
  const all: StoredCheckpoint[] = [];
  for (;;) {
    const page = await checkpointsAfter(tx, all.length ? all[all.length - 1].treeSize : -1, 5000);
    all.push(...page);
    if (page.length < 5000) return all;
  }
}

export interface VerifyOptions {
  onProgress?: (done: number, total: number) => void;
  /** recompute the leaves on worker threads, one per core (the command-line verifier) */
  parallel?: boolean;
}

export async function verifyDatabase(db: Database, keys: readonly VerifierKey[], options: VerifyOptions = {}): Promise<VerifyReport> {
  const tx = db.sql;
  const report: VerifyReport = {
    ok: false,
    treeSize: 0,
    checkpoint: null,
    checkpointsChecked: 0,
    leavesChecked: 0,
    firstBadLeaf: null,
    badLeaves: 0,
    skipped: [],
    pending: 0,
    problems: [],
  };
  const state = await readState(tx);
  const checkpoints = await allCheckpoints(tx);
  if (!state || checkpoints.length === 0) {
    report.problems.push("El registro está vacío: el secuenciador aún no firmó ningún checkpoint.");
    return report;
  }
  report.treeSize = state.treeSize;
  const latest = checkpoints[checkpoints.length - 1];
  report.checkpoint = { size: latest.treeSize, signedAt: latest.signedAt };

  // Every stored checkpoint: signed by a trusted key, and its columns say what its note says.
  for (const stored of checkpoints) {
    try {
      const opened = await openCheckpoint(stored.note, keys, ed25519Verify);
      if (opened.size !== stored.treeSize || !equalBytes(opened.root, stored.rootHash)) {
        report.problems.push(`El checkpoint de ${stored.treeSize} hojas no coincide con su nota firmada.`);
      }
    } catch (error) {
      report.problems.push(`Checkpoint de ${stored.treeSize} hojas rechazado: ${(error as Error).message}.`);
    }
  }

  // Every leaf, recomputed from its row; the tree rebuilt from them; roots compared at every checkpoint size.
  const bySize = new Map(checkpoints.map((checkpoint) => [checkpoint.treeSize, checkpoint]));
  const builder = new TreeBuilder(hasher);
  const pool = options.parallel ? startLeafPool(db.url, state.saltKey) : null;
  const leafHashes = pool?.hasher ?? inProcessLeafHasher(tx, state.saltKey);
  // one chunk is read and hashed ahead while the previous one is compared
  const fetchChunk = async (from: number) => {
    const to = Math.min(from + CHUNK, latest.treeSize);
    const sources = await leafSources(tx, from, to);
    return { from, to, sources, computed: leafHashes(sources), tiles: loadTileRange(tx, 0, Math.floor(from / TILE_WIDTH), Math.floor((to - 1) / TILE_WIDTH)) };
  };
  try {
    let ahead = latest.treeSize > 0 ? fetchChunk(0) : null;
    while (ahead) {
      const { from, to, sources, computed, tiles: tilesLoading } = await ahead;
      ahead = to < latest.treeSize ? fetchChunk(to) : null;
      const { hashes, missing } = await computed;
      const tiles = await tilesLoading;
      let expected = from;
      for (const [i, source] of sources.entries()) {
        if (source.index !== expected) {
          report.problems.push(`Faltan las hojas ${expected} a ${source.index - 1} en la tabla log_leaves.`);
          expected = source.index;
        }
        expected++;
        const stored = tiles.get(Math.floor(source.index / TILE_WIDTH));
        const offset = (source.index % TILE_WIDTH) * HASH_BYTES;
        const logged = stored && stored.length >= offset + HASH_BYTES ? stored.subarray(offset, offset + HASH_BYTES) : null;
        const leafHash = missing[i] ? null : hashes.subarray(i * 32, i * 32 + 32);
        if (!leafHash || !logged || !equalBytes(leafHash, logged)) {
          report.badLeaves++;
          if (!report.firstBadLeaf) {
            const record = (await recordsOf(tx, [source])).get(`${source.kind}:${source.id}`);
            report.firstBadLeaf = {
              index: source.index,
              kind: source.kind,
              sourceId: source.id,
              problem: record ? "MODIFICADO" : "ELIMINADO",
              description: describe(record, source.kind, source.id),
            };
          }
        }
        // the tree is rebuilt from the rows as they are now: a changed row changes the roots
        builder.append(leafHash ?? new Uint8Array(HASH_BYTES));
        const checkpoint = bySize.get(builder.size);
        if (checkpoint) {
          report.checkpointsChecked++;
          if (!equalBytes(builder.root(), checkpoint.rootHash)) {
            report.problems.push(`La raíz recalculada con ${builder.size} hojas no es la del checkpoint firmado de ese tamaño.`);
          }
        }
      }
      if (expected !== to) report.problems.push(`Faltan las hojas ${expected} a ${to - 1} en la tabla log_leaves.`);
      report.leavesChecked = to;
      options.onProgress?.(to, latest.treeSize);
    }
  } finally {
    await pool?.close();
  }

  // Earlier checkpoints against the latest by consistency proofs from the stored tiles.
  for (const checkpoint of checkpoints.slice(0, -1)) {
    try {
      const proof = await consistencyProofBetween(tx, checkpoint.treeSize, latest.treeSize);
      if (!verifyConsistency(hasher, checkpoint.treeSize, latest.treeSize, proof, checkpoint.rootHash, latest.rootHash)) {
        report.problems.push(`El checkpoint de ${checkpoint.treeSize} hojas no es consistente con el último (${latest.treeSize}).`);
      }
    } catch (error) {
      report.problems.push(`No se pudo probar la consistencia desde ${checkpoint.treeSize} hojas: ${(error as Error).message}.`);
    }
  }

  // Rows the sequencer should have logged (behind its cursors) but did not, and rows still to come.
  const skippedMovements = await tx.all<{ id: number }>(
    sql`SELECT m.id AS "id" FROM movements m WHERE (${commitOrder("m")}) <= (${commitPosition(state.movementXact, state.movementId)})
      AND NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.kind = 'MOVEMENT' AND l.source_id = m.id) ORDER BY m.id LIMIT 100`,
  );
  const skippedChanges = await tx.all<{ id: number }>(
    sql`SELECT c.id AS "id" FROM agent_changes c WHERE (${commitOrder("c")}) <= (${commitPosition(state.agentChangeXact, state.agentChangeId)})
      AND NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.kind = 'AGENT' AND l.source_id = c.id) ORDER BY c.id LIMIT 100`,
  );
  const skippedTrucks = await tx.all<{ id: number }>(
    sql`SELECT t.id AS "id" FROM truck_changes t WHERE (${commitOrder("t")}) <= (${commitPosition(state.truckChangeXact, state.truckChangeId)})
      AND NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.kind = 'TRUCK' AND l.source_id = t.id) ORDER BY t.id LIMIT 100`,
  );
  report.skipped = [
    ...skippedMovements.map((row) => ({ kind: "MOVEMENT" as const, id: Number(row.id) })),
    ...skippedChanges.map((row) => ({ kind: "AGENT" as const, id: Number(row.id) })),
    ...skippedTrucks.map((row) => ({ kind: "TRUCK" as const, id: Number(row.id) })),
  ];
  const [counts] = await tx.all<{ movements: number; changes: number; trucks: number; leaves: number }>(
    sql`SELECT (SELECT COUNT(*) FROM movements) AS "movements", (SELECT COUNT(*) FROM agent_changes) AS "changes",
      (SELECT COUNT(*) FROM truck_changes) AS "trucks", (SELECT COUNT(*) FROM log_leaves) AS "leaves"`,
  );
  report.pending = Math.max(0, Number(counts.movements) + Number(counts.changes) + Number(counts.trucks) - Number(counts.leaves));

  if (report.firstBadLeaf) {
    const leaf = report.firstBadLeaf;
    report.problems.unshift(
      `Hoja ${leaf.index}: ${leaf.description} — ${leaf.problem === "ELIMINADO" ? "la fila registrada fue eliminada" : "la fila ya no dice lo que se registró"}` +
        (report.badLeaves > 1 ? ` (y ${report.badLeaves - 1} hojas más difieren)` : "") +
        ".",
    );
  }
  const SOURCE_NAMES = { MOVEMENT: "Movimiento", AGENT: "Cambio de registro", TRUCK: "Cambio del registro de cisternas" } as const;
  for (const row of report.skipped) report.problems.push(`${SOURCE_NAMES[row.kind]} ${row.id}: no está en el registro y debería estarlo.`);
  report.ok = report.problems.length === 0;
  return report;
}
