import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import { calendarDaysBetween, limaDay } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import { formatGallons } from "@/lib/volume";
import type { Actor, OrdersContext } from "./context";
import { closeOrderSchema, type CloseOrderInput } from "./schemas";
import { applyTransition, assertRoleFor, loadOrderWithLotsFor } from "./transition";

export interface ClosedOrder {
  state: "CERRADO" | "RECHAZADO";
  /** Lima calendar days after the day it reached POR CERRAR (0: closed the same day, as required) */
  daysLate: number;
}

/**
 * "Registrar Cierre": the buyer declares, as a sworn statement, what it received of each lot
 * (> 0 and ≤ the sold quantity) and rejects the lots it did not receive. With every lot rejected
 * the order ends RECHAZADO. Either way the buyer's capacity is freed.
 */
export async function closeOrder(ctx: OrdersContext, actor: Actor, raw: CloseOrderInput): Promise<ClosedOrder> {
  assertRoleFor(actor, "CERRAR");
  const input = parseInput(closeOrderSchema, raw);
  const now = ctx.now();
  return ctx.db.sql.transaction(async (tx) => {
    const order = await loadOrderWithLotsFor(tx, actor, input.code, "CERRAR");

    const declared = new Map(input.lots.map((lot) => [lot.position, lot]));
    if (declared.size !== input.lots.length || declared.size !== order.lots.length || order.lots.some((lot) => !declared.has(lot.position))) {
      throw new DomainError(
        "invalid",
        "LOTES_INCOMPLETOS",
        "Indique la cantidad recibida de cada lote de la orden, o rechace el lote.",
        { lots: ["Indique la cantidad recibida de cada lote, o rechace el lote."] },
      );
    }
    const fieldErrors: Record<string, string[]> = {};
    order.lots.forEach((lot, index) => {
      const entry = declared.get(lot.position)!;
      if (!entry.rejected && entry.receivedVolume > lot.soldVolume) {
        fieldErrors[`lots.${index}.receivedVolume`] = [
          `La cantidad recibida no puede superar la cantidad vendida (${formatGallons(lot.soldVolume)} gal).`,
        ];
      }
    });
    if (Object.keys(fieldErrors).length) {
      throw new DomainError("invalid", "CANTIDAD_RECIBIDA_INVALIDA", "Revise las cantidades recibidas.", fieldErrors);
    }

    const allRejected = input.lots.every((lot) => lot.rejected);
    const today = limaDay(now);
    const daysLate = Math.max(0, calendarDaysBetween(order.porCerrarDay ?? today, today));
    const state = allRejected ? "RECHAZADO" : "CERRADO";
    await applyTransition(tx, order, {
      actor,
      at: now,
      event: state,
      to: state,
      detail: allRejected ? "Cierre con todos los lotes rechazados" : undefined,
      data: { endedAt: now, daysLate },
    });
    for (const lot of order.lots) {
      const entry = declared.get(lot.position)!;
      await (entry.rejected
        ? tx.run(sql.prepared`UPDATE lots SET rejected = ${true} WHERE id = ${lot.id}`)
        : tx.run(sql.prepared`UPDATE lots SET received_volume = ${entry.receivedVolume} WHERE id = ${lot.id}`));
    }
    return { state, daysLate };
  });
}
