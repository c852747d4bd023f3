/**
 * `npm run verify:log`: checks the movement log.
 *
 *   npm run verify:log -- --database URL [--key VKEY]…
 *       recomputes every leaf from its row and the whole tree; checks every signed checkpoint and
 *       their consistency; names the first leaf whose row was edited or deleted.
 *   npm run verify:log -- --url https://portal [--key VKEY]… [--state FILE] [--code CODE]…
 *       only the public endpoints: the latest checkpoint (signature), the whole tree from every
 *       hash tile, consistency from each earlier checkpoint (the portal's list and the one kept in
 *       --state from the last run), and, per --code, that code's leaves against the checkpoint.
 *
 *   npm run verify:log -- --constancia FILE --key VKEY
 *       a constancia's printed proof block (copied from its annex into a text file): the
 *       checkpoint's signature with the published key, each movement's inclusion, and what each
 *       leaf holds, to compare with the printed constancia. Needs no portal.
 *
 * --key: the verifier key(s) to trust (as published; repeatable). Without it the key is the
 * portal's own (--url: fetched from it; --database: SCOP_LOG_SIGNING_KEY's), which proves
 * consistency but not who signed: a warning says so. Exit code 0 when everything checks, 1 when
 * something does not, 2 on wrong usage.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createDatabase } from "@/lib/db/database";
import { logSigner } from "@/lib/log/keys";
import { verifyEvidence } from "@/lib/log/evidence";
import { ed25519Verify, sha256 } from "@/lib/log/node-crypto";
import { readPrintedProof } from "@/lib/log/printed-proof";
import { parseVerifierKey } from "@/lib/log/note";
import { verifyDatabase } from "@/lib/log/verify-database";
import { verifyRemote } from "@/lib/log/verify-remote";

const { values } = parseArgs({
  options: {
    database: { type: "string" },
    url: { type: "string" },
    key: { type: "string", multiple: true },
    state: { type: "string" },
    code: { type: "string", multiple: true },
    constancia: { type: "string" },
  },
});
if ([values.database, values.url, values.constancia].filter(Boolean).length !== 1 || (values.constancia && !values.key?.length)) {
  console.error(
    "Uso: npm run verify:log -- --database URL | --url https://portal [--key VKEY]… [--state ARCHIVO] [--code CÓDIGO]… | --constancia ARCHIVO --key VKEY",
  );
  process.exit(2);
}

const pinned = (values.key ?? []).map((vkey) => parseVerifierKey(sha256, vkey));
const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);

if (values.constancia) {
  try {
    const evidence = readPrintedProof(readFileSync(values.constancia, "utf8"));
    const verified = await verifyEvidence(sha256, ed25519Verify, evidence, pinned);
    console.log(`✓ Checkpoint de ${verified.checkpoint.size.toLocaleString("es-PE")} hojas firmado por ${verified.signedBy}.`);
    for (const leaf of verified.leaves) {
      console.log(`✓ Hoja ${leaf.index} en el árbol firmado:`);
      console.log(`    público: ${JSON.stringify(leaf.public)}`);
      if (leaf.private) console.log(`    privado: ${JSON.stringify(leaf.private)}`);
    }
    console.log("Compare estos datos con los impresos en la constancia (instantes en milisegundos UTC; volúmenes en centésimas de galón).");
  } catch (error) {
    console.log(`✗ La prueba de la constancia no verifica: ${(error as Error).message}.`);
    process.exitCode = 1;
  }
} else if (values.database) {
  const keys = pinned.length ? pinned : [logSigner().verifierKey];
  if (!pinned.length) console.warn(`Aviso: sin --key se confía en la clave configurada (${logSigner().vkey}).`);
  const db = createDatabase(values.database);
  try {
    let lastShown = 0;
    const report = await verifyDatabase(db, keys, {
      parallel: true,
      onProgress: (done, total) => {
        if (done - lastShown >= 500_000 || done === total) {
          lastShown = done;
          process.stderr.write(`  ${done.toLocaleString("es-PE")} de ${total.toLocaleString("es-PE")} hojas recalculadas (${seconds()} s)\n`);
        }
      },
    });
    console.log(
      `Registro de ${report.treeSize.toLocaleString("es-PE")} hojas; último checkpoint: ${report.checkpoint?.size.toLocaleString("es-PE") ?? "ninguno"}` +
        (report.checkpoint ? ` (firmado ${report.checkpoint.signedAt.toISOString()})` : "") +
        `; ${report.leavesChecked.toLocaleString("es-PE")} hojas recalculadas, ${report.checkpointsChecked} checkpoints comparados; ` +
        `${report.pending} filas aún por registrar; ${seconds()} s.`,
    );
    for (const problem of report.problems) console.log(`✗ ${problem}`);
    console.log(report.ok ? "✓ El registro es íntegro: cada hoja coincide con su fila y con los checkpoints firmados." : "✗ El registro NO es íntegro.");
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await db.close();
  }
} else {
  const report = await verifyRemote(values.url!, { keys: pinned, stateFile: values.state, codes: values.code ?? [] }, (line: string) => process.stderr.write(`  ${line}\n`));
  for (const line of report.lines) console.log(line);
  console.log(`${report.ok ? "✓ Verificación completa" : "✗ La verificación falló"} (${seconds()} s).`);
  process.exitCode = report.ok ? 0 : 1;
}
