import { GUARD_HELD, sql } from "@/lib/db/sql";
import { limaDay } from "@/lib/time";
import { orderError } from "./errors";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { assertCededTanks, assertInsuranceInForce, assertVigente } from "./rules";
import { dispatchOrderSchema, type DispatchOrderInput } from "./schemas";
import { applyTransition, assertRoleFor, loadOrderFor } from "./transition";
import { metered } from "./metered";
import { dispatchedAtProblem, dispatchedVolumeProblem } from "./lot-limits";
import { truckOwnersOf, trucksForLots } from "./trucks";

/**
 * "Despachado": the operator of the order's Planta de Abastecimiento records what left the plant,
 * lot by lot (flow b). The order then waits for the buyer's closure.
 */
export const dispatchOrder = metered("DESPACHAR", async function dispatchOrder(ctx: OrdersContext, actor: Actor, raw: DispatchOrderInput): Promise<void> {
  assertRoleFor(actor, "DESPACHAR");
  const input = parseInput(dispatchOrderSchema, raw);
  const now = ctx.now();
  // The order with its lots, its parties and the trucks that may load it (the sale's plates and
  // any other the operator records), in one read.
  const plates = input.lots.flatMap((lot) => (lot.plate ? [lot.plate] : []));
  const read = await loadOrderFor(ctx.db.sql, actor, input.code, "DESPACHAR", { lots: true, parties: true, plates });
  const { order, parties } = read;
  // A registration suspended, a policy expired or tanks ceded after the sale stop the supply too
  // (seed 004, arts. 31 and 43A): the product must not leave the plant for that buyer.
  const buyer = parties.get(order.buyerId)!;
  assertVigente(parties.get(actor.agentId)!, "planta de abastecimiento");
  assertVigente(parties.get(order.sellerId)!, "vendedor");
  assertVigente(buyer, "comprador");
  assertInsuranceInForce(buyer, limaDay(now));
  if (buyer.cededBySellerId !== null) assertCededTanks(buyer, order.sellerId, read.ceder, "planta de abastecimiento");

  const dispatched = new Map(input.lots.map((lot) => [lot.position, lot]));
  if (dispatched.size !== input.lots.length || order.lots.some((lot) => !dispatched.has(lot.position)) || dispatched.size !== order.lots.length) {
    throw orderError("LOTES_INCOMPLETOS", "Registre el despacho de cada lote de la orden, una vez cada uno.", {
      lots: ["Registre el despacho de cada lote de la orden."],
    });
  }
  const fieldErrors: Record<string, string[]> = {};
  order.lots.forEach((lot, index) => {
    const entry = dispatched.get(lot.position)!;
    const volume = dispatchedVolumeProblem(entry.volume, lot.soldVolume);
    if (volume) fieldErrors[`lots.${index}.volume`] = [volume];
    const at = dispatchedAtProblem(entry.dispatchedAt ?? now, order.soldAt, now);
    if (at) fieldErrors[`lots.${index}.dispatchedAt`] = [at];
  });
  if (Object.keys(fieldErrors).length) {
    throw orderError("DESPACHO_INVALIDO", "Revise las cantidades y horas de despacho.", fieldErrors);
  }

  // The truck that loads each lot — the sale's, or another the operator records — must be a
  // registered truck that may carry the order, VIGENTE and insured today, and hold what it loads.
  const owners = truckOwnersOf(order);
  const ownerNames = owners.map((id) => parties.get(id)?.businessName ?? "").join(" o de ");
  const trucks = trucksForLots(
    read.trucks,
    owners,
    ownerNames,
    order.lots.map((lot, index) => {
      const entry = dispatched.get(lot.position)!;
      return { index, plate: entry.plate ?? lot.plate, volume: entry.volume };
    }),
    limaDay(now),
  );

  const lotWrites = order.lots.map((lot, index) => {
    const entry = dispatched.get(lot.position)!;
    const at = entry.dispatchedAt ?? now;
    const other = entry.plate && entry.plate !== lot.plate ? trucks[index] : null;
    return sql.prepared`UPDATE lots SET dispatched_volume = ${entry.volume}, dispatched_at = ${at}, dispatched_plate = ${other?.plate ?? null}, dispatched_truck_id = ${other?.id ?? null}, load_day = ${limaDay(at)} WHERE id = ${lot.id} AND ${GUARD_HELD}`;
  });
  await applyTransition(
    ctx.db.sql,
    order,
    { actor, at: now, event: "DESPACHADO", to: "POR_CERRAR", data: { dispatchedAt: now, porCerrarAt: now, porCerrarDay: limaDay(now) } },
    lotWrites,
  );
});
