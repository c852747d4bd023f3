/**
 * Tipos de agente of the Registro de Hidrocarburos that take part in bulk-LPG orders, and what
 * each may do. The identifiers keep the regulation's Spanish words.
 */
export const AGENT_TYPES = [
  "CONSUMIDOR_DIRECTO",
  "RED_DE_DISTRIBUCION",
  "GASOCENTRO",
  "PLANTA_ENVASADORA",
  "DISTRIBUIDOR_A_GRANEL",
  "COMERCIALIZADOR",
  "PLANTA_ABASTECIMIENTO",
  "OSINERGMIN",
] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export const AGENT_TYPE_LABELS: Record<AgentType, string> = {
  CONSUMIDOR_DIRECTO: "Consumidor Directo",
  RED_DE_DISTRIBUCION: "Red de Distribución",
  GASOCENTRO: "Gasocentro / Estación de Servicio con Gasocentro",
  PLANTA_ENVASADORA: "Planta Envasadora",
  DISTRIBUIDOR_A_GRANEL: "Distribuidor a Granel",
  COMERCIALIZADOR: "Productor / Comercializador",
  PLANTA_ABASTECIMIENTO: "Planta de Abastecimiento",
  OSINERGMIN: "Osinergmin (entidad fiscalizadora)",
};

export const REGISTRY_STATUSES = ["VIGENTE", "SUSPENDIDO", "CANCELADO"] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

/**
 * Flow a: the seller is a Planta Envasadora or Distribuidor a Granel, which supplies directly.
 * Flow b: a Productor/Comercializador sells and a Planta de Abastecimiento dispatches.
 */
export const FLOWS = ["A", "B"] as const;
export type Flow = (typeof FLOWS)[number];

/** The seller types a buyer chooses from ("Tipo de Agente Vendedor") and the flow each implies. */
export const SELLER_TYPE_FLOW = {
  PLANTA_ENVASADORA: "A",
  DISTRIBUIDOR_A_GRANEL: "A",
  COMERCIALIZADOR: "B",
} as const satisfies Partial<Record<AgentType, Flow>>;
export type SellerType = keyof typeof SELLER_TYPE_FLOW;
export const SELLER_TYPES = Object.keys(SELLER_TYPE_FLOW) as SellerType[];

export function isSellerType(type: string): type is SellerType {
  return Object.hasOwn(SELLER_TYPE_FLOW, type);
}

/**
 * Who may cede tanks in use to a buyer (seed 004: the definitions of Consumidor Directo and Redes
 * de Distribución de GLP, "cedidos en uso por un Distribuidor a Granel o Empresa Envasadora").
 */
export const TANK_CEDING_TYPES = ["PLANTA_ENVASADORA", "DISTRIBUIDOR_A_GRANEL"] as const satisfies readonly SellerType[];

export function mayCedeTanks(type: string): boolean {
  return (TANK_CEDING_TYPES as readonly string[]).includes(type);
}

/** Which buyers may buy in each flow (DESIGN.md, "Who uses it"). */
const BUYERS_BY_FLOW: Record<Flow, readonly AgentType[]> = {
  A: ["CONSUMIDOR_DIRECTO", "RED_DE_DISTRIBUCION", "GASOCENTRO"],
  B: ["CONSUMIDOR_DIRECTO", "RED_DE_DISTRIBUCION", "GASOCENTRO", "PLANTA_ENVASADORA", "DISTRIBUIDOR_A_GRANEL"],
};

export function mayBuyInFlow(buyerType: AgentType, flow: Flow): boolean {
  return BUYERS_BY_FLOW[flow].includes(buyerType);
}

/** The seller types this buyer may choose, in the order of the manual's list. */
export function sellerTypesForBuyer(buyerType: AgentType): SellerType[] {
  return SELLER_TYPES.filter((sellerType) => mayBuyInFlow(buyerType, SELLER_TYPE_FLOW[sellerType]));
}

export function isBuyerType(type: AgentType): boolean {
  return BUYERS_BY_FLOW.B.includes(type);
}
