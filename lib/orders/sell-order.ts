import { GUARD_HELD, sql, type SqlStatements } from "@/lib/db/sql";
import type { Flow } from "@/lib/registry/agent-types";
import { orderError } from "./errors";
import { limaDay } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { assertCededTanks, assertInsuranceInForce, assertVigente } from "./rules";
import { sellOrderSchema, type SellOrderInput } from "./schemas";
import type { OrderState } from "./states";
import { applyTransition, assertRoleFor, loadOrderFor, targetState } from "./transition";
import { metered } from "./metered";
import { SALE_TOTAL_FIELD, saleTotalProblem } from "./lot-limits";
import { assertDistributorMonthlyLimit } from "./distributor-limit";
import { truckOwnersOf, trucksForLots } from "./trucks";

/**
 * "Aceptado/Vendido": the chosen seller records the sale as one or more lots. In flow a the
 * order then waits for the buyer's closure (POR CERRAR); in flow b for the plant's dispatch.
 */
export const sellOrder = metered("VENDER", async function sellOrder(ctx: OrdersContext, actor: Actor, raw: SellOrderInput): Promise<{ state: OrderState }> {
  assertRoleFor(actor, "VENDER");
  const input = parseInput(sellOrderSchema, raw);
  const now = ctx.now();
  // The order with its parties and the trucks with the lots' plates, in one read.
  const read = await loadOrderFor(ctx.db.sql, actor, input.code, "VENDER", { parties: true, plates: input.lots.map((lot) => lot.plate) });
  const { order, parties } = read;
  const buyer = parties.get(order.buyerId)!;
  const seller = parties.get(order.sellerId)!;
  assertVigente(seller, "vendedor");
  assertVigente(buyer, "comprador");
  assertInsuranceInForce(buyer, limaDay(now));
  if (buyer.cededBySellerId !== null) assertCededTanks(buyer, seller.id, read.ceder, "vendedor");

  const total = input.lots.reduce((sum, lot) => sum + lot.volume, 0);
  const exceeds = saleTotalProblem(total, order.requestedVolume);
  if (exceeds) throw orderError("VENTA_EXCEDE_SOLICITADO", exceeds, { lots: [SALE_TOTAL_FIELD] });

  // The registered trucks that carry the lots, and the Distribuidor a Granel's monthly limit.
  const today = limaDay(now);
  const owners = truckOwnersOf(order);
  const ownerNames = owners.map((id) => parties.get(id)!.businessName).join(" o de ");
  const trucks = trucksForLots(read.trucks, owners, ownerNames, input.lots.map((lot, index) => ({ index, plate: lot.plate, volume: lot.volume })), today);

  const flow = order.flow as Flow;
  const to = targetState("VENDER", flow);
  // Flow a loads at the seller's today; flow b when the plant dispatches (dispatchOrder).
  const loadDay = flow === "A" ? today : null;
  const lots = input.lots.map(
    (lot, index) =>
      sql.prepared`INSERT INTO lots (order_id, position, sold_volume, plate, truck_id, guia_remision, factura, density, temperature, load_day)
        SELECT ${order.id}, ${index + 1}, ${lot.volume}, ${lot.plate}, ${trucks[index].id}, ${lot.guiaRemision}, ${lot.factura}, ${lot.density ?? null}, ${lot.temperature ?? null}, ${loadDay}
        WHERE ${GUARD_HELD}`,
  );
  const sell = (db: SqlStatements) =>
    applyTransition(
      db,
      order,
      { actor, at: now, event: "VENDIDO", to, data: { soldAt: now, ...(to === "POR_CERRAR" ? { porCerrarAt: now, porCerrarDay: limaDay(now) } : {}) } },
      lots,
    );
  if (seller.type === "DISTRIBUIDOR_A_GRANEL") {
    // The monthly limit is counted and the sale written in one transaction that holds the
    // client's row, so that two sales to the same client cannot both fit (distributor-limit.ts).
    await ctx.db.sql.transaction(async (tx) => {
      await assertDistributorMonthlyLimit(tx, { sellerId: seller.id, buyerId: buyer.id, buyerName: buyer.businessName, volume: total, day: today });
      await sell(tx);
    });
  } else {
    await sell(ctx.db.sql);
  }
  return { state: to };
});
