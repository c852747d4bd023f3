/** Reading constataciones: an order's, for the regulator's screens. */
import type { Tx } from "@/lib/db/database";

export function constatacionesOf(tx: Tx, orderId: number) {
  return tx.constatacion.findMany({
    where: { orderId },
    orderBy: [{ observedAt: "asc" }, { id: "asc" }],
    include: { user: { select: { fullName: true, username: true } } },
  });
}
export type ConstatacionRow = Awaited<ReturnType<typeof constatacionesOf>>[number];
