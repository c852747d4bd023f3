import { GUARD_HELD, sql } from "@/lib/db/sql";
import { orderError } from "./errors";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { earliest, latenessFrom, nonDeliveryKnownAtProblem, unloadedAtProblem } from "./receipt";
import { closeOrderSchema, type CloseOrderInput } from "./schemas";
import { applyTransition, assertRoleFor, loadOrderFor } from "./transition";
import { metered } from "./metered";
import { receivedVolumeProblem } from "./lot-limits";

export interface ClosedOrder {
  state: "CERRADO" | "RECHAZADO";
  /** the Lima day it was due: the earliest descarga's (CERRADO), or the day the buyer learned the product would not arrive (RECHAZADO) */
  dueDay: string;
  /** Lima calendar days from dueDay to the closure (0: the same day, as required) */
  daysLate: number;
}

/**
 * "Registrar Cierre": the buyer declares, as a sworn statement, what it received of each lot
 * (> 0 and ≤ the sold quantity) and when each was unloaded (its Fecha y hora de descarga), and
 * rejects the lots it did not receive. The closure was due the Lima day of the earliest descarga.
 * With every lot rejected the order ends RECHAZADO, due the day the buyer learned the product
 * would not arrive. Either way the buyer's capacity is freed.
 */
export const closeOrder = metered("CERRAR", async function closeOrder(ctx: OrdersContext, actor: Actor, raw: CloseOrderInput): Promise<ClosedOrder> {
  assertRoleFor(actor, "CERRAR");
  const input = parseInput(closeOrderSchema, raw);
  const now = ctx.now();
  const { order } = await loadOrderFor(ctx.db.sql, actor, input.code, "CERRAR", { lots: true });

  const declared = new Map(input.lots.map((lot) => [lot.position, lot]));
  if (declared.size !== input.lots.length || declared.size !== order.lots.length || order.lots.some((lot) => !declared.has(lot.position))) {
    throw orderError("LOTES_INCOMPLETOS",
      "Indique la cantidad recibida de cada lote de la orden, o rechace el lote.",
      { lots: ["Indique la cantidad recibida de cada lote, o rechace el lote."] },
    );
  }
  const allRejected = input.lots.every((lot) => lot.rejected);
  const fieldErrors: Record<string, string[]> = {};
  const unloadedAt = new Map<number, Date>();
  order.lots.forEach((lot, index) => {
    const entry = declared.get(lot.position)!;
    if (entry.rejected) return;
    const received = receivedVolumeProblem(entry.receivedVolume, lot.soldVolume);
    if (received) fieldErrors[`lots.${index}.receivedVolume`] = [received];
    const at = entry.unloadedAt ?? now;
    // In flow b the truck leaves the plant at the lot's dispatch; in flow a at the sale.
    const departure = lot.dispatchedAt ? { at: lot.dispatchedAt, kind: "despacho" as const } : { at: order.soldAt!, kind: "venta" as const };
    const problem = unloadedAtProblem(at, departure, now);
    if (problem) fieldErrors[`lots.${index}.unloadedAt`] = [problem];
    unloadedAt.set(lot.id, at);
  });
  if (input.nonDeliveryKnownAt && !allRejected) {
    fieldErrors.nonDeliveryKnownAt = ["Indique cuándo supo que el producto no llegaría solo si rechaza todos los lotes."];
  }
  const knownAt = input.nonDeliveryKnownAt ?? now;
  const knownProblem = allRejected ? nonDeliveryKnownAtProblem(knownAt, order.requestedAt, now) : null;
  if (knownProblem) fieldErrors.nonDeliveryKnownAt = [knownProblem];
  if (Object.keys(fieldErrors).length) {
    const volumesOnly = Object.keys(fieldErrors).every((key) => key.endsWith(".receivedVolume"));
    throw volumesOnly
      ? orderError("CANTIDAD_RECIBIDA_INVALIDA", "Revise las cantidades recibidas.", fieldErrors)
      : orderError("FECHA_DECLARADA_INVALIDA", "Revise las cantidades recibidas y las fechas declaradas.", fieldErrors);
  }

  const state = allRejected ? "RECHAZADO" : "CERRADO";
  const { dueDay, daysLate } = latenessFrom(allRejected ? knownAt : earliest([...unloadedAt.values()]), now);
  const lotWrites = order.lots.map((lot) => {
    const entry = declared.get(lot.position)!;
    return entry.rejected
      ? sql.prepared`UPDATE lots SET rejected = ${true} WHERE id = ${lot.id} AND ${GUARD_HELD}`
      : sql.prepared`UPDATE lots SET received_volume = ${entry.receivedVolume}, unloaded_at = ${unloadedAt.get(lot.id)!} WHERE id = ${lot.id} AND ${GUARD_HELD}`;
  });
  await applyTransition(ctx.db.sql, order, {
    actor,
    at: now,
    event: state,
    to: state,
    detail: allRejected ? "Cierre con todos los lotes rechazados" : undefined,
    data: {
      endedAt: now,
      dueDay,
      daysLate,
      latenessBasis: allRejected ? "AVISO" : "DESCARGA",
      ...(allRejected ? { nonDeliveryKnownAt: knownAt } : {}),
    },
  }, lotWrites);
  return { state, dueDay, daysLate };
});
