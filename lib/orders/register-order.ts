import { DomainError } from "@/lib/errors";
import { limaDay } from "@/lib/time";
import { parseInput } from "@/lib/validation";
import type { Actor, OrdersContext } from "./context";
import { allocateOrderNumber } from "./order-number";
import {
  assertCededTanks,
  assertInsuranceInForce,
  assertSellerFits,
  assertSupplyPlant,
  assertVigente,
  capacityShortfall,
} from "./rules";
import { registerOrderSchema, type RegisterOrderInput } from "./schemas";

export interface RegisteredOrder {
  code: string;
  requestedAt: Date;
}

/**
 * "Registrar Orden": the buyer generates an order and gets its Código de Autorización. The
 * buyer's capacity is reserved by one conditional update, so concurrent registrations can never
 * over-commit it.
 */
export async function registerOrder(ctx: OrdersContext, actor: Actor, raw: RegisterOrderInput): Promise<RegisteredOrder> {
  if (actor.role !== "COMPRADOR") {
    throw new DomainError("forbidden", "NO_AUTORIZADO", "No autorizado: solo un comprador puede generar órdenes de pedido.");
  }
  const input = parseInput(registerOrderSchema, raw);
  const now = ctx.now();

  return ctx.db.transaction(async (tx) => {
    const ids = [actor.agentId, input.sellerId, ...(input.plantId ? [input.plantId] : [])];
    const agents = await tx.agent.findMany({ where: { id: { in: ids } } });
    const byId = new Map(agents.map((agent) => [agent.id, agent]));
    const buyer = byId.get(actor.agentId);
    const seller = byId.get(input.sellerId);
    if (!buyer) throw new Error(`actor's agent ${actor.agentId} does not exist`);
    if (!seller || seller.id === buyer.id) {
      throw new DomainError("invalid", "VENDEDOR_NO_EXISTE", "El agente vendedor elegido no existe.", {
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
    if (buyer.cededBySellerId !== null && buyer.cededBySellerId !== seller.id) {
      const owner = await tx.agent.findUnique({ where: { id: buyer.cededBySellerId }, select: { businessName: true } });
      assertCededTanks(buyer, seller.id, owner?.businessName);
    }

    const reserved = await tx.$executeRaw`
      UPDATE agents SET committed_volume = committed_volume + ${input.volume}
      WHERE id = ${buyer.id} AND storage_capacity - committed_volume >= ${input.volume}`;
    if (reserved !== 1) throw capacityShortfall(buyer.storageCapacity - buyer.committedVolume, input.volume);

    const id = await allocateOrderNumber(tx, ctx.db.engine);
    const code = ctx.codes.codeFor(id);
    await tx.order.create({
      data: {
        id,
        code,
        flow,
        buyerId: buyer.id,
        sellerId: seller.id,
        plantId,
        requestedVolume: input.volume,
        purchaseOrderNumber: input.purchaseOrderNumber,
        deliveryDate: input.deliveryDate,
        comment: input.comment,
        transport: input.transport,
        state: "SOLICITADO",
        requestedAt: now,
        movements: {
          create: { event: "SOLICITADO", state: "SOLICITADO", occurredAt: now, userId: actor.userId, agentId: buyer.id },
        },
      },
      select: { id: true },
    });
    return { code, requestedAt: now };
  });
}
