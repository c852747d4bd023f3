/**
 * The proof block printed on a constancia, so that it can be checked years later without the
 * portal: the evidence of its movements (lib/log/evidence.ts: the signed checkpoint, and per
 * movement its leaf index, both nonces, its public and private parts and its inclusion proof) as
 * base64 of JSON, in lines of 96 characters between a header and an end line:
 *
 *   SCOP-GLP PRUEBA v1
 *   eyJjaGVja3BvaW50Ijoi…
 *   …
 *   FIN
 *
 * `npm run verify:log -- --constancia FILE --key VKEY` (or any implementation of the documented
 * algorithm) decodes it, checks the checkpoint's signature with the published key and each leaf's
 * inclusion, and prints what the leaves hold, to compare with the printed text. Isomorphic.
 */
import { fromBase64, toBase64 } from "./bytes";
import type { Evidence } from "./evidence";

export const PRINTED_PROOF_HEADER = "SCOP-GLP PRUEBA v1";
export const PRINTED_PROOF_END = "FIN";
const LINE = 96;

export function printedProofLines(evidence: Evidence): string[] {
  const text = toBase64(new TextEncoder().encode(JSON.stringify(evidence)));
  const lines = [PRINTED_PROOF_HEADER];
  for (let i = 0; i < text.length; i += LINE) lines.push(text.slice(i, i + LINE));
  lines.push(PRINTED_PROOF_END);
  return lines;
}

/** The evidence in a text holding a printed proof block (typed, scanned or extracted from the PDF); spaces are ignored. */
export function readPrintedProof(text: string): Evidence {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const start = lines.indexOf(PRINTED_PROOF_HEADER);
  const end = lines.indexOf(PRINTED_PROOF_END, start + 1);
  if (start < 0 || end < 0) throw new Error(`no se encontró el bloque «${PRINTED_PROOF_HEADER}» … «${PRINTED_PROOF_END}»`);
  const body = lines.slice(start + 1, end).join("").replace(/\s/g, "");
  let evidence: Evidence;
  try {
    evidence = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64(body))) as Evidence;
  } catch {
    throw new Error("el bloque de prueba está dañado o mal transcrito");
  }
  if (typeof evidence?.checkpoint !== "string" || !Array.isArray(evidence.leaves)) throw new Error("el bloque de prueba no tiene la forma esperada");
  return evidence;
}
