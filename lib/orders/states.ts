/**
 * The order's state machine (DESIGN.md, "States and transitions"). A state is where the order
 * rests; an event is what happened to it and is what a movement records.
 */
import type { Role } from "@/lib/accounts/roles";
import type { Flow } from "@/lib/registry/agent-types";

export const ORDER_STATES = ["SOLICITADO", "VENDIDO", "POR_CERRAR", "CERRADO", "ANULADO", "RECHAZADO"] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const MOVEMENT_EVENTS = ["SOLICITADO", "VENDIDO", "DESPACHADO", "CERRADO", "ANULADO", "RECHAZADO"] as const;
export type MovementEvent = (typeof MOVEMENT_EVENTS)[number];

export const STATE_LABELS: Record<OrderState, string> = {
  SOLICITADO: "SOLICITADO",
  VENDIDO: "ACEPTADO/VENDIDO",
  POR_CERRAR: "POR CERRAR",
  CERRADO: "CERRADO",
  ANULADO: "ANULADO",
  RECHAZADO: "RECHAZADO",
};

export const EVENT_LABELS: Record<MovementEvent, string> = {
  SOLICITADO: "Solicitado",
  VENDIDO: "Vendido",
  DESPACHADO: "Despachado",
  CERRADO: "Cerrado",
  ANULADO: "Anulado",
  RECHAZADO: "Rechazado",
};

export const FINAL_STATES: readonly OrderState[] = ["CERRADO", "ANULADO", "RECHAZADO"];
/** States whose requested volume ties up the buyer's capacidad de compra. */
export const OPEN_STATES: readonly OrderState[] = ["SOLICITADO", "VENDIDO", "POR_CERRAR"];

export const ACTIONS = ["ANULAR", "VENDER", "DESPACHAR", "CERRAR", "RECHAZAR"] as const;
export type OrderAction = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<OrderAction, string> = {
  ANULAR: "anular",
  VENDER: "vender",
  DESPACHAR: "despachar",
  CERRAR: "cerrar",
  RECHAZAR: "rechazar",
};

/** Which party of the order performs each action. */
export const ACTION_ACTOR: Record<OrderAction, { role: Role; party: "buyer" | "seller" | "plant" }> = {
  ANULAR: { role: "COMPRADOR", party: "buyer" },
  VENDER: { role: "VENDEDOR", party: "seller" },
  DESPACHAR: { role: "OPERADOR_PLANTA", party: "plant" },
  CERRAR: { role: "COMPRADOR", party: "buyer" },
  RECHAZAR: { role: "COMPRADOR", party: "buyer" },
};

interface Transition {
  from: readonly OrderState[];
  flows: readonly Flow[];
  /** The state reached; closing with every lot rejected reaches RECHAZADO instead (see closeOrder). */
  to: (flow: Flow) => OrderState;
  event: MovementEvent;
}

export const TRANSITIONS: Record<OrderAction, Transition> = {
  ANULAR: { from: ["SOLICITADO"], flows: ["A", "B"], to: () => "ANULADO", event: "ANULADO" },
  VENDER: {
    from: ["SOLICITADO"],
    flows: ["A", "B"],
    to: (flow) => (flow === "A" ? "POR_CERRAR" : "VENDIDO"),
    event: "VENDIDO",
  },
  DESPACHAR: { from: ["VENDIDO"], flows: ["B"], to: () => "POR_CERRAR", event: "DESPACHADO" },
  CERRAR: { from: ["POR_CERRAR"], flows: ["A", "B"], to: () => "CERRADO", event: "CERRADO" },
  // Manual §1: the buyer may reject "siempre y cuando la orden de pedido no se encuentre en el
  // estado CERRADO" — from SOLICITADO too (unlike Anular, it records a reason and when the buyer
  // learned the product would not arrive).
  RECHAZAR: { from: ["SOLICITADO", "VENDIDO", "POR_CERRAR"], flows: ["A", "B"], to: () => "RECHAZADO", event: "RECHAZADO" },
};

export function isAllowed(action: OrderAction, state: OrderState, flow: Flow): boolean {
  const transition = TRANSITIONS[action];
  return transition.from.includes(state) && transition.flows.includes(flow);
}

export function isFinal(state: OrderState): boolean {
  return FINAL_STATES.includes(state);
}

export function isOpen(state: OrderState): boolean {
  return OPEN_STATES.includes(state);
}
