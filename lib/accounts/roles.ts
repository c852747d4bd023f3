import type { AgentType } from "@/lib/registry/agent-types";

export const ROLES = ["COMPRADOR", "VENDEDOR", "OPERADOR_PLANTA", "REGULADOR", "ADMINISTRADOR"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  COMPRADOR: "Comprador",
  VENDEDOR: "Vendedor",
  OPERADOR_PLANTA: "Operador de planta",
  REGULADOR: "Regulador",
  ADMINISTRADOR: "Administrador",
};

/** The roles a user of an agent of each type may hold. */
export const ROLES_BY_AGENT_TYPE: Record<AgentType, readonly Role[]> = {
  CONSUMIDOR_DIRECTO: ["COMPRADOR"],
  RED_DE_DISTRIBUCION: ["COMPRADOR"],
  GASOCENTRO: ["COMPRADOR"],
  PLANTA_ENVASADORA: ["VENDEDOR", "COMPRADOR"],
  DISTRIBUIDOR_A_GRANEL: ["VENDEDOR", "COMPRADOR"],
  COMERCIALIZADOR: ["VENDEDOR"],
  PLANTA_ABASTECIMIENTO: ["OPERADOR_PLANTA"],
  OSINERGMIN: ["REGULADOR", "ADMINISTRADOR"],
};

export function roleFitsAgentType(role: Role, agentType: AgentType): boolean {
  return ROLES_BY_AGENT_TYPE[agentType].includes(role);
}
