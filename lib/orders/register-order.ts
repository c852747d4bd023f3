import { NEXT_ORDER_NUMBER } from "@/lib/db/engine";
import { AGENT } from "@/lib/db/rows";
import { GUARD_HELD, sql, type Sql, type SqlStatements } from "@/lib/db/sql";
import type { Agent } from "@/lib/generated/sqlite/client";
import { orderError } from "./errors";
import { limaDay } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { guardedMovementWrites } from "./movements";
import {
  assertCededTanks,
  assertInsuranceInForce,
  assertSellerFits,
  assertSupplyPlant,
  assertVigente,
  capacityShortfall,
} from "./rules";
import { registerOrderSchema, type RegisterOrderInput } from "./schemas";
import { metered } from "./metered";

/** How many numbers in a row may land on legacy codes before we give up (each is one in ~10^10). */
const MAX_CODE_ATTEMPTS = 10;

/**
 * Reserves the buyer's capacity and inserts the order under the next order number and its code,
 * with its movement and outbox event, as one guarded write (one statement on PostgreSQL): the
 * capacity is reserved by a conditional update, so concurrent registrations can never over-commit
 * it, and only then is anything written. A code the permutation gives may already belong to an
 * order imported from the legacy SCOP (a legacy code that happens to pass the check digit): the
 * guard then holds no row and the next number is taken, so the generator never hands out a code an
 * imported order has. Null when the buyer's capacity no longer holds the volume.
 */
async function insertOrder(tx: SqlStatements, ctx: OrdersContext, order: NewOrder): Promise<{ id: number; code: string } | null> {
  for (let attempt = 0; attempt < MAX_CODE_ATTEMPTS; attempt++) {
    const [number] = await tx.all<{ value: number }>(NEXT_ORDER_NUMBER);
    if (!number) throw new Error("order-number counter missing: was the database migrated?");
    const id = Number(number.value);
    const code = ctx.codes.codeFor(id);
    const reserved = await tx.writeGuarded(
      sql.prepared`UPDATE agents SET committed_volume = committed_volume + ${order.volume}
        WHERE id = ${order.buyerId} AND storage_capacity - committed_volume >= ${order.volume} AND NOT EXISTS (SELECT 1 FROM orders WHERE code = ${code})
        RETURNING id`,
      [
        sql.prepared`INSERT INTO orders (id, code, flow, buyer_id, seller_id, plant_id, requested_volume, purchase_order_number, delivery_date,
           comment, transport, state, version, requested_at, updated_at) SELECT ${id}, ${code}, ${order.values} WHERE ${GUARD_HELD}`,
        ...guardedMovementWrites({ orderId: id, event: "SOLICITADO", state: "SOLICITADO", at: order.at, userId: order.userId, agentId: order.buyerId }),
      ],
    );
    if (reserved.length === 1) return { id, code };
    const [taken] = await tx.all(sql.prepared`SELECT 1 AS taken FROM orders WHERE code = ${code}`);
    if (!taken) return null;
  }
  throw new Error("no free authorization code after several order numbers: are legacy codes colliding?");
}

interface NewOrder {
  buyerId: number;
  volume: number;
  userId: number;
  at: Date;
  /** the order's columns after its id and code, from flow to updated_at */
  values: Sql;
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
    // The buyer, the seller, the plant and the agent the buyer's tanks are ceded by, in one read.
    const [row] = await tx.all(
      sql.prepared`SELECT ${AGENT.select("b", "buyer")}, ${AGENT.select("s", "seller")}, ${AGENT.select("p", "plant")},
          c.business_name AS "ceder.businessName", c.type AS "ceder.type"
        FROM agents b LEFT JOIN agents s ON s.id = ${input.sellerId} LEFT JOIN agents p ON p.id = ${input.plantId ?? null}
          LEFT JOIN agents c ON c.id = b.ceded_by_seller_id
        WHERE b.id = ${actor.agentId}`,
    );
    const buyer = row ? AGENT.fromJoined(row, "buyer") : null;
    const seller = row ? AGENT.fromJoined(row, "seller") : null;
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
      const plant = input.plantId ? (AGENT.fromJoined(row, "plant") ?? undefined) : undefined;
      assertSupplyPlant(plant);
      assertVigente(plant!, "planta de abastecimiento");
      plantId = plant!.id;
    }
    if (buyer.cededBySellerId !== null) {
      const ceder = row["ceder.type"] == null ? undefined : ({ businessName: row["ceder.businessName"], type: row["ceder.type"] } as Pick<Agent, "businessName" | "type">);
      assertCededTanks(buyer, seller.id, ceder);
    }

    const inserted = await insertOrder(tx, ctx, {
      buyerId: buyer.id,
      volume: input.volume,
      userId: actor.userId,
      at: now,
      values: sql`${flow}, ${buyer.id}, ${seller.id}, ${plantId}, ${input.volume}, ${input.purchaseOrderNumber}, ${input.deliveryDate}, ${input.comment}, ${input.transport}, ${"SOLICITADO"}, ${0}, ${now}, ${now}`,
    });
    if (!inserted) throw capacityShortfall(buyer.storageCapacity - buyer.committedVolume, input.volume);
    return { code: inserted.code, requestedAt: now };
  });
});
