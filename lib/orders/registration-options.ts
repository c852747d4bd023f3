/** What the "Generación de Orden de Pedido" screen offers a buyer: the sellers that may sell to it and the plants. */
import type { Tx } from "@/lib/db/database";
import { SELLER_TYPE_FLOW, sellerTypesForBuyer, type AgentType, type SellerType } from "@/lib/registry/agent-types";

export interface AgentOption {
  id: number;
  businessName: string;
  type: SellerType | "PLANTA_ABASTECIMIENTO";
  district: string;
}

export async function registrationOptions(tx: Tx, buyerId: number) {
  const buyer = await tx.agent.findUniqueOrThrow({ where: { id: buyerId } });
  const sellerTypes = sellerTypesForBuyer(buyer.type as AgentType);
  // A buyer whose tanks were ceded by a seller may only be supplied by that seller.
  const sellers = await tx.agent.findMany({
    where: {
      type: { in: sellerTypes },
      registryStatus: "VIGENTE",
      id: buyer.cededBySellerId ?? { not: buyer.id },
    },
    select: { id: true, businessName: true, type: true, district: true },
    orderBy: { businessName: "asc" },
  });
  const needsPlants = sellerTypes.some((type) => SELLER_TYPE_FLOW[type] === "B");
  const plants = needsPlants
    ? await tx.agent.findMany({
        where: { type: "PLANTA_ABASTECIMIENTO", registryStatus: "VIGENTE" },
        select: { id: true, businessName: true, type: true, district: true },
        orderBy: { businessName: "asc" },
      })
    : [];
  return {
    buyer,
    sellerTypes,
    sellers: sellers as AgentOption[],
    plants: plants as AgentOption[],
    available: buyer.storageCapacity - buyer.committedVolume,
  };
}
