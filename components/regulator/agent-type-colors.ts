import type { AgentType } from "@/lib/registry/agent-types";

/** One colour per agent type in every chart (Okabe–Ito palette: told apart with colour-blindness too). */
export const AGENT_TYPE_COLORS: Record<AgentType, string> = {
  CONSUMIDOR_DIRECTO: "#0072B2",
  RED_DE_DISTRIBUCION: "#E69F00",
  GASOCENTRO: "#009E73",
  PLANTA_ENVASADORA: "#CC79A7",
  DISTRIBUIDOR_A_GRANEL: "#D55E00",
  COMERCIALIZADOR: "#56B4E9",
  PLANTA_ABASTECIMIENTO: "#8A7400",
  OSINERGMIN: "#000000",
};
