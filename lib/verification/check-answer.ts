/**
 * The browser's check of a public answer (lib/verification/public-lookup.ts): the evidence verifies
 * against the log's key, and every fact the page shows is what the verified leaves say.
 */
import { verifyEvidence, type VerifiedEvidence } from "@/lib/log/evidence";
import type { Sha256 } from "@/lib/log/merkle";
import type { Ed25519Verify, VerifierKey } from "@/lib/log/note";
import type { PublicCodeAnswer, PublicParty } from "./public-lookup";

export type AnswerCheck =
  | { status: "VERIFICADO"; verified: VerifiedEvidence; leaves: number; pending: number }
  | { status: "SIN_PRUEBAS"; pending: number }
  | { status: "FALLIDO"; reason: string };

export async function checkCodeAnswer(sha256: Sha256, ed25519: Ed25519Verify, answer: PublicCodeAnswer, keys: readonly VerifierKey[]): Promise<AnswerCheck> {
  if (!answer.order) return { status: "SIN_PRUEBAS", pending: 0 };
  if (!answer.evidence) return { status: "SIN_PRUEBAS", pending: answer.pending };
  let verified: VerifiedEvidence;
  try {
    verified = await verifyEvidence(sha256, ed25519, answer.evidence, keys);
  } catch (error) {
    return { status: "FALLIDO", reason: (error as Error).message };
  }
  const leafAt = new Map(verified.leaves.map((leaf) => [leaf.index, leaf]));
  const order = answer.order;
  for (const movement of order.movements) {
    if (movement.leafIndex === null) continue;
    const leaf = leafAt.get(movement.leafIndex);
    if (!leaf || leaf.kind !== "MOVEMENT") return { status: "FALLIDO", reason: `falta la prueba del movimiento ${movement.event}` };
    const p = leaf.public;
    if (
      p.code !== answer.code ||
      p.event !== movement.event ||
      p.state !== movement.state ||
      p.occurredAt !== Date.parse(movement.occurredAt) ||
      p.buyerId !== order.buyer.agentId ||
      p.sellerId !== order.seller.agentId ||
      p.plantId !== (order.plant?.agentId ?? null)
    ) {
      return { status: "FALLIDO", reason: `el movimiento ${movement.event} mostrado no es el registrado en la hoja ${movement.leafIndex}` };
    }
  }
  const parties: PublicParty[] = [order.buyer, order.seller, ...(order.plant ? [order.plant] : [])];
  for (const party of parties) {
    if (party.leafIndex === null) continue;
    const leaf = leafAt.get(party.leafIndex);
    if (
      !leaf ||
      leaf.kind !== "AGENT" ||
      leaf.public.agentId !== party.agentId ||
      leaf.public.businessName !== party.businessName ||
      leaf.public.registryNumber !== party.registryNumber ||
      leaf.public.registryStatus !== party.registryStatus
    ) {
      return { status: "FALLIDO", reason: `los datos de registro de ${party.businessName} no son los registrados` };
    }
  }
  // the current state is the state after the last movement
  const last = order.movements[order.movements.length - 1];
  if (last && last.state !== order.state) return { status: "FALLIDO", reason: "el estado mostrado no es el del último movimiento" };
  return { status: "VERIFICADO", verified, leaves: verified.leaves.length, pending: answer.pending };
}
