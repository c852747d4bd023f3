/**
 * `npm run verify:log -- --url …`: checks a portal's movement log from its public endpoints only,
 * as any outsider (a witness, an auditor, a sanctioned agent's lawyer) can. The leaves are salted
 * commitments, so an outsider cannot recompute them from movements it may not see; it checks that
 * the signed checkpoint's root is the tree of every published leaf hash, that every earlier
 * checkpoint is a prefix of it (its root at its size, and consistency proofs), that the checkpoint
 * it saw last time (--state) still is, and, for codes it knows, that their leaves are in the tree.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fromBase64 } from "./bytes";
import { verifyEvidence, type Evidence } from "./evidence";
import { TreeBuilder, equalBytes, verifyConsistency } from "./merkle";
import { ed25519Verify, hasher, sha256 } from "./node-crypto";
import { openCheckpoint, parseVerifierKey, type Checkpoint, type VerifierKey } from "./note";
import { HASH_BYTES, TILE_WIDTH, tilePath } from "./tiles";

export interface RemoteReport {
  ok: boolean;
  lines: string[];
}

interface Options {
  keys: VerifierKey[];
  stateFile?: string;
  codes: string[];
}

const CONCURRENCY = 8;
/** earlier checkpoints checked by a consistency proof from the portal (all are checked by root) */
const CONSISTENCY_SAMPLE = 50;

export async function verifyRemote(base: string, options: Options, progress: (line: string) => void): Promise<RemoteReport> {
  const lines: string[] = [];
  let ok = true;
  const fail = (line: string) => {
    ok = false;
    lines.push(`✗ ${line}`);
  };
  const api = (path: string) => new URL(`/api/log/${path}`, base).toString();
  async function get(url: string): Promise<Response> {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} respondió ${response.status}`);
    return response;
  }
  const json = async <T>(path: string) => (await (await get(api(path))).json()) as T;

  let keys = options.keys;
  if (keys.length === 0) {
    const vkey = (await (await get(api("key"))).text()).trim();
    keys = [parseVerifierKey(sha256, vkey)];
    lines.push(`Aviso: sin --key se confía en la clave que publica el propio portal (${vkey}); compárela con la publicada oficialmente.`);
  }

  // 1. The latest checkpoint, signed by a trusted key.
  const note = await (await get(api("checkpoint"))).text();
  let checkpoint: Checkpoint;
  try {
    checkpoint = await openCheckpoint(note, keys, ed25519Verify);
  } catch (error) {
    fail(`El checkpoint del portal fue rechazado: ${(error as Error).message}.`);
    return { ok, lines };
  }
  lines.push(`✓ Checkpoint firmado por ${keys.map((k) => k.name).join(", ")}: ${checkpoint.size.toLocaleString("es-PE")} hojas.`);

  // 2. Every earlier checkpoint the portal lists (signatures), to compare at their sizes.
  const earlier: { size: number; root: Uint8Array; note: string }[] = [];
  for (let after = -1; ; ) {
    const page = await json<{ checkpoints: { treeSize: number; note: string }[] }>(`checkpoints?after=${after}&limit=1000`);
    for (const entry of page.checkpoints) {
      if (entry.treeSize >= checkpoint.size) continue;
      try {
        const opened = await openCheckpoint(entry.note, keys, ed25519Verify);
        earlier.push({ size: opened.size, root: opened.root, note: entry.note });
      } catch (error) {
        fail(`Checkpoint de ${entry.treeSize} hojas rechazado: ${(error as Error).message}.`);
      }
    }
    if (page.checkpoints.length < 1000) break;
    after = page.checkpoints[page.checkpoints.length - 1].treeSize;
  }

  // 3. The whole tree from every level-0 tile (the leaf hashes), with the roots at every earlier size.
  const fullTiles = Math.floor(checkpoint.size / TILE_WIDTH);
  const partialWidth = checkpoint.size % TILE_WIDTH;
  const paths = Array.from({ length: fullTiles }, (_, n) => `tile/0/${tilePath(n)}`);
  if (partialWidth) paths.push(`tile/0/${tilePath(fullTiles)}.p/${partialWidth}`);
  const bySize = new Map(earlier.map((entry) => [entry.size, entry]));
  const builder = new TreeBuilder(hasher);
  let rootsCompared = 0;
  let firstBadRange: string | null = null;
  for (let i = 0; i < paths.length; i += CONCURRENCY) {
    const blobs = await Promise.all(paths.slice(i, i + CONCURRENCY).map(async (path) => new Uint8Array(await (await get(api(path))).arrayBuffer())));
    for (const blob of blobs) {
      for (let offset = 0; offset < blob.length; offset += HASH_BYTES) {
        builder.append(blob.subarray(offset, offset + HASH_BYTES));
        const entry = bySize.get(builder.size);
        if (entry) {
          rootsCompared++;
          if (!equalBytes(builder.root(), entry.root) && !firstBadRange) firstBadRange = `antes de la hoja ${builder.size}`;
        }
      }
    }
    if ((i / CONCURRENCY) % 500 === 0) progress(`${builder.size.toLocaleString("es-PE")} de ${checkpoint.size.toLocaleString("es-PE")} hashes de hojas leídos`);
  }
  if (builder.size !== checkpoint.size) fail(`Las teselas tienen ${builder.size} hojas y el checkpoint ${checkpoint.size}.`);
  else if (!equalBytes(builder.root(), checkpoint.root)) fail("La raíz recalculada de todas las hojas publicadas no es la del checkpoint firmado.");
  else lines.push(`✓ El árbol completo (${builder.size.toLocaleString("es-PE")} hojas) da la raíz firmada.`);
  if (firstBadRange) fail(`Un checkpoint anterior no es prefijo del árbol actual: la primera diferencia está ${firstBadRange}.`);
  else if (rootsCompared) lines.push(`✓ ${rootsCompared} checkpoints anteriores son prefijos del árbol actual (raíz a su tamaño).`);

  // 4. Consistency proofs from the most recent earlier checkpoints and from the one kept last time.
  const saved = options.stateFile && existsSync(options.stateFile) ? readFileSync(options.stateFile, "utf8") : null;
  const fromSaved = saved ? await openCheckpoint(saved, keys, ed25519Verify).catch((error: Error) => (fail(`El checkpoint guardado en ${options.stateFile} no verifica: ${error.message}.`), null)) : null;
  const targets = earlier.slice(-CONSISTENCY_SAMPLE).map((entry) => ({ size: entry.size, root: entry.root, label: `checkpoint de ${entry.size} hojas` }));
  if (fromSaved) targets.push({ size: fromSaved.size, root: fromSaved.root, label: `checkpoint guardado (${fromSaved.size} hojas)` });
  for (const target of targets) {
    if (target.size > checkpoint.size) {
      fail(`El ${target.label} es mayor que el actual: el registro retrocedió.`);
      continue;
    }
    const { proof } = await json<{ proof: string[] }>(`proof/consistency?from=${target.size}&to=${checkpoint.size}`);
    if (!verifyConsistency(hasher, target.size, checkpoint.size, proof.map(fromBase64), target.root, checkpoint.root)) {
      fail(`El ${target.label} no es consistente con el actual: el registro fue reescrito.`);
    }
  }
  if (targets.length) lines.push(`✓ ${targets.length} pruebas de consistencia verificadas hasta el checkpoint actual.`);

  // 5. Codes the caller knows: their leaves, opened by the public verification endpoint.
  for (const code of options.codes) {
    const response = await fetch(new URL(`/api/verificacion/codigo/${encodeURIComponent(code)}`, base));
    if (!response.ok) {
      fail(`Código ${code}: el portal respondió ${response.status}.`);
      continue;
    }
    const body = (await response.json()) as { evidence: Evidence | null; pending: number };
    if (!body.evidence) {
      fail(`Código ${code}: el portal no da pruebas de sus movimientos.`);
      continue;
    }
    try {
      const verified = await verifyEvidence(sha256, ed25519Verify, body.evidence, keys);
      lines.push(`✓ Código ${code}: ${verified.leaves.length} hojas en el árbol firmado${body.pending ? ` (${body.pending} aún por registrar)` : ""}.`);
    } catch (error) {
      fail(`Código ${code}: ${(error as Error).message}.`);
    }
  }

  if (ok && options.stateFile) writeFileSync(options.stateFile, note);
  return { ok, lines };
}
