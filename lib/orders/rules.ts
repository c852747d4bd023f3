/**
 * The regulatory rules checked when an order is registered, sold or dispatched (DESIGN.md,
 * "Rules checked when an order is registered or sold"). Each throws a DomainError of kind
 * "rule" with a message the user can act on.
 */
import type { Agent } from "@/lib/generated/sqlite/client";
import { orderError } from "./errors";
import { DomainError } from "@/lib/errors";
import {
  AGENT_TYPE_LABELS,
  SELLER_TYPE_FLOW,
  mayBuyInFlow,
  mayCedeTanks,
  type AgentType,
  type SellerType,
} from "@/lib/registry/agent-types";
import { formatDay, type LimaDay } from "@/lib/time";
import { formatGallons, type Hundredths } from "@/lib/volume";

type Party = "comprador" | "vendedor" | "planta de abastecimiento";

export function assertVigente(agent: Pick<Agent, "registryStatus" | "businessName">, party: Party): void {
  if (agent.registryStatus === "VIGENTE") return;
  const status = agent.registryStatus === "SUSPENDIDO" ? "suspendida" : "cancelada";
  const whose = party === "comprador" ? "Su inscripción" : `La inscripción de ${agent.businessName} (${party})`;
  throw orderError(party === "comprador" ? "COMPRADOR_NO_VIGENTE" : party === "vendedor" ? "VENDEDOR_NO_VIGENTE" : "PLANTA_NO_VIGENTE",
    `${whose} en el Registro de Hidrocarburos está ${status}: no puede comprar ni vender GLP a granel.`,
  );
}

/** Art. 31 of seed 004: the buyer's civil-liability policy is in force (checked at registration, sale and dispatch). */
export function assertInsuranceInForce(buyer: Pick<Agent, "insuranceExpiresOn">, today: LimaDay): void {
  if (!buyer.insuranceExpiresOn) {
    throw orderError("SEGURO_NO_REGISTRADO",
      "El comprador no tiene registrada una póliza de seguro de responsabilidad civil vigente.",
    );
  }
  if (buyer.insuranceExpiresOn < today) {
    throw orderError("SEGURO_VENCIDO",
      `La póliza de seguro de responsabilidad civil del comprador venció el ${formatDay(buyer.insuranceExpiresOn)}.`,
    );
  }
}

export function assertSellerFits(
  buyer: Pick<Agent, "type">,
  seller: Pick<Agent, "type" | "businessName">,
  sellerType: SellerType,
): "A" | "B" {
  if (seller.type !== sellerType) {
    throw orderError("TIPO_VENDEDOR_NO_CORRESPONDE",
      `${seller.businessName} no es ${AGENT_TYPE_LABELS[sellerType]}.`,
      { sellerId: ["El vendedor elegido no corresponde al tipo de agente vendedor."] },
    );
  }
  const flow = SELLER_TYPE_FLOW[sellerType];
  if (!mayBuyInFlow(buyer.type as AgentType, flow)) {
    throw orderError("COMPRA_NO_PERMITIDA",
      `Un agente ${AGENT_TYPE_LABELS[buyer.type as AgentType]} no puede comprar GLP a granel a un agente ${AGENT_TYPE_LABELS[sellerType]}.`,
      { sellerType: ["Este tipo de agente vendedor no le puede vender."] },
    );
  }
  return flow;
}

export function assertSupplyPlant(plant: Pick<Agent, "type" | "businessName"> | undefined): void {
  if (!plant || plant.type !== "PLANTA_ABASTECIMIENTO") {
    throw orderError("PLANTA_NO_VALIDA",
      "En una venta desde Planta de Abastecimiento debe elegir una Planta de Abastecimiento de GLP.",
      { plantId: ["Seleccione una Planta de Abastecimiento de GLP."] },
    );
  }
}

/**
 * Tanks ceded in use (seed 004, art. 43A and the definitions of Consumidor Directo and Redes de
 * Distribución): only a Distribuidor a Granel or a Planta Envasadora may cede them, and only the
 * agent that ceded them may supply them. Checked at registration, at the sale and at the dispatch:
 * a cession recorded after the order was registered stops its supply too. `ceder` is the agent the
 * buyer's tanks are ceded by; `party` says whose screen the message is for.
 */
export function assertCededTanks(
  buyer: Pick<Agent, "cededBySellerId" | "businessName">,
  sellerId: number,
  ceder: Pick<Agent, "businessName" | "type"> | undefined,
  party: "comprador" | "vendedor" | "planta de abastecimiento" = "comprador",
): void {
  if (buyer.cededBySellerId === null) return;
  const whose = party === "comprador" ? "Sus tanques" : `Los tanques de ${buyer.businessName}`;
  if (ceder && !mayCedeTanks(ceder.type)) {
    throw orderError(
      "CESION_NO_VALIDA",
      `${whose} figuran cedidos en uso por ${ceder.businessName}, que no es Planta Envasadora ni Distribuidor a Granel: solo ellos pueden ceder tanques. Corrija la inscripción antes de abastecerlos.`,
      party === "comprador" ? { sellerId: ["La cesión de sus tanques no es válida."] } : undefined,
    );
  }
  if (buyer.cededBySellerId !== sellerId) {
    throw orderError(
      "TANQUES_CEDIDOS",
      `${whose} fueron cedidos en uso por ${ceder?.businessName ?? "otro vendedor"}: solo ese vendedor puede abastecerlos.`,
      party === "comprador" ? { sellerId: ["Sus tanques solo pueden ser abastecidos por el vendedor que los cedió en uso."] } : undefined,
    );
  }
}

export function capacityShortfall(available: Hundredths, requested: Hundredths): DomainError {
  return orderError("CAPACIDAD_INSUFICIENTE",
    `Capacidad de compra insuficiente: dispone de ${formatGallons(Math.max(available, 0))} galones y solicita ${formatGallons(requested)} galones. Cierre las órdenes que ya recibió para liberar capacidad.`,
    { volume: [`Su capacidad de compra disponible es ${formatGallons(Math.max(available, 0))} galones.`] },
  );
}
