import { sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import type { Actor, OrdersContext } from "@/lib/orders/context";
import { startOfMinute } from "@/lib/orders/receipt";
import { ORDER_NOT_FOUND_MESSAGE } from "@/lib/orders/transition";
import type { OrderState } from "@/lib/orders/states";
import { formatLimaDateTime } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import { constatacionSchema, type ConstatacionInput } from "./schema";

export interface RecordedConstatacion {
  id: number;
  /** the instant recorded as seen (ISO) */
  observedAt: string;
  /** the order's state when the inspector saw the truck; null when the order did not exist yet */
  orderState: OrderState | null;
}

/**
 * "Registrar constatación": an inspector records what it saw against a Código de Autorización.
 * The order's state at that instant is read from its movements (the last one at or before it) and
 * stored with it, so the record keeps what the system said then, whatever happens after — the
 * evidence of seed 001, an order still SOLICITADO while its truck unloaded. Append-only.
 *
 * The screens declare the time to the minute, and within that minute the order may have changed:
 * the state taken is the one at the end of the declared minute (never after the record), so an
 * order sold in the minute the truck was seen is not counted SOLICITADO — the doubt favours the
 * agent, as the descarga's minute does at closure.
 */
export async function recordConstatacion(ctx: OrdersContext, actor: Actor, raw: ConstatacionInput): Promise<RecordedConstatacion> {
  if (actor.role !== "REGULADOR") {
    throw new DomainError("forbidden", "NO_AUTORIZADO", "No autorizado: solo un inspector del regulador registra constataciones.");
  }
  const input = parseInput(constatacionSchema, raw);
  const now = ctx.now();
  const observedAt = input.observedAt ?? now;
  if (observedAt.getTime() > now.getTime()) {
    const message = `La fecha y hora de la constatación no puede ser posterior a este momento (${formatLimaDateTime(now)}).`;
    throw new DomainError("invalid", "FECHA_DECLARADA_INVALIDA", message, { observedAt: [message] });
  }
  return ctx.db.sql.transaction(async (tx) => {
    const [order] = await tx.all<{ id: number }>(sql`SELECT id FROM orders WHERE code = ${input.code}`);
    if (!order) throw new DomainError("not_found", "ORDEN_NO_ENCONTRADA", ORDER_NOT_FOUND_MESSAGE);
    const endOfMinute = new Date(Math.min(startOfMinute(observedAt).getTime() + 59_999, now.getTime()));
    const [last] = await tx.all<{ state: OrderState }>(
      sql`SELECT state FROM movements WHERE order_id = ${order.id} AND occurred_at <= ${endOfMinute} ORDER BY occurred_at DESC, id DESC LIMIT 1`,
    );
    const orderState = last?.state ?? null;
    const [row] = await tx.all<{ id: number }>(
      sql`INSERT INTO constataciones (order_id, observed_at, place, plate, activity, order_state, observations, recorded_at, user_id, agent_id)
       VALUES (${order.id}, ${observedAt}, ${input.place}, ${input.plate}, ${input.activity}, ${orderState}, ${input.observations}, ${now}, ${actor.userId}, ${actor.agentId})
       RETURNING id`,
    );
    return { id: Number(row.id), observedAt: observedAt.toISOString(), orderState };
  });
}
