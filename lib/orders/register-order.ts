import { NEXT_ORDER_NUMBER } from "@/lib/db/engine";
import { sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import { orderError } from "./errors";
import { limaDay } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { appendMovement } from "./movements";
import {
  assertCededTanks,
  assertInsuranceInForce,
  assertSellerFits,
  assertSupplyPlant,
  assertVigente,
  capacityShortfall,
} from "./rules";
import { registerOrderSchema, type RegisterOrderInput } from "./schemas";
import { cederOf, loadAgents } from "./transition";
import { metered } from "./metered";

/** How many numbers in a row may land on legacy codes before we give up (each is one in ~10^10). */
const MAX_CODE_ATTEMPTS = 10;

/**
 * Inserts the order under the next order number and its code. A code the permutation gives may
 * already belong to an order imported from the legacy SCOP (a legacy code that happens to pass
 * the check digit): the insert then does nothing and the next number is taken, so the generator
 * never hands out a code an imported order has.
 */
async function insertOrder(tx: SqlStatements, ctx: OrdersContext, values: Sql): Promise<{ id: number; code: string }> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    const [number] = await tx.all<{ value: number }>(NEXT_ORDER_NUMBER);
    if (!number) throw new Error("order-number counter missing: was the database migrated?");
    const id = Number(number.value);
    const code = ctx.codes.codeFor(id);
    const inserted = await tx.run(
      sql.prepared`INSERT INTO orders (id, code, flow, buyer_id, seller_id, plant_id, requested_volume, purchase_order_number, delivery_date,
         comment, transport, state, version, requested_at, updated_at) VALUES (${id}, ${code}, ${values}) ON CONFLICT (code) DO NOTHING`,
    );
    if (inserted === 1) return { id, code };
  }
  throw new Error("no free authorization code after several order numbers: are legacy codes colliding?");
}

export interface RegisteredOrder {
  code: string;
  requestedAt: Date;
}

/**
 * "Registrar Orden": the buyer generates an order and gets its Código de Autorización. The
 * buyer's capacity is reserved by one conditional update, so concurrent registrations can never
 * over-commit it.
 */
export const registerOrder = metered("REGISTRAR", async function registerOrder(ctx: OrdersContext, actor: Actor, raw: RegisterOrderInput): Promise<RegisteredOrder> {
  if (actor.role !== "COMPRADOR") {
    throw orderError("NO_AUTORIZADO", "No autorizado: solo un comprador puede generar órdenes de pedido.");
  }
  const input = parseInput(registerOrderSchema, raw);
  const now = ctx.now();

  return ctx.db.sql.transaction(async (tx) => {
    const byId = await loadAgents(tx, [actor.agentId, input.sellerId, ...(input.plantId ? [input.plantId] : [])]);
    const buyer = byId.get(actor.agentId);
    const seller = byId.get(input.sellerId);
    if (!buyer) throw new Error(`actor's agent ${actor.agentId} does not exist`);
    if (!seller || seller.id === buyer.id) {
      throw orderError("VENDEDOR_NO_EXISTE", "El agente vendedor elegido no existe.", {
        sellerId: ["Seleccione un agente vendedor de la lista."],
      });
    }

    assertVigente(buyer, "comprador");
    assertInsuranceInForce(buyer, limaDay(now));
    const flow = assertSellerFits(buyer, seller, input.sellerType);
    assertVigente(seller, "vendedor");
    let plantId: number | null = null;
    if (flow === "B") {
      const plant = input.plantId ? byId.get(input.plantId) : undefined;
      assertSupplyPlant(plant);
      assertVigente(plant!, "planta de abastecimiento");
      plantId = plant!.id;
    }
    if (buyer.cededBySellerId !== null) assertCededTanks(buyer, seller.id, await cederOf(tx, buyer));

    const reserved = await tx.run(
      sql.prepared`UPDATE agents SET committed_volume = committed_volume + ${input.volume} WHERE id = ${buyer.id} AND storage_capacity - committed_volume >= ${input.volume}`,
    );
    if (reserved !== 1) throw capacityShortfall(buyer.storageCapacity - buyer.committedVolume, input.volume);

    const { id, code } = await insertOrder(
      tx,
      ctx,
      sql`${flow}, ${buyer.id}, ${seller.id}, ${plantId}, ${input.volume}, ${input.purchaseOrderNumber}, ${input.deliveryDate}, ${input.comment}, ${input.transport}, ${"SOLICITADO"}, ${0}, ${now}, ${now}`,
    );
    await appendMovement(tx, { orderId: id, event: "SOLICITADO", state: "SOLICITADO", at: now, userId: actor.userId, agentId: buyer.id });
    return { code, requestedAt: now };
  });
});
