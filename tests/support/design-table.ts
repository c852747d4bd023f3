/**
 * DESIGN.md's transition table, written out by hand as the tests' oracle: the answers the code
 * must give, never taken from the code (lib/orders/states.ts). If the code's table drifts from
 * DESIGN.md, a test that compares the two fails.
 *
 *   | from state                      | action (event)                                   | who                          | to state                              |
 *   | —                               | registrar orden (SOLICITADO)                     | buyer                        | SOLICITADO                            |
 *   | SOLICITADO                      | anular (ANULADO)                                 | the buyer who owns it        | ANULADO                               |
 *   | SOLICITADO                      | vender, with lots (VENDIDO)                      | the chosen seller            | flow a: POR CERRAR · flow b: VENDIDO  |
 *   | VENDIDO (flow b)                | despachar, with each lot's quantity (DESPACHADO) | operator of the order's plant| POR CERRAR                            |
 *   | POR CERRAR                      | cerrar: cantidad recibida per lot (CERRADO)      | buyer                        | CERRADO                               |
 *   | POR CERRAR                      | cerrar with every lot rejected (RECHAZADO)       | buyer                        | RECHAZADO                             |
 *   | SOLICITADO, VENDIDO, POR CERRAR | rechazar, with a reason (RECHAZADO)              | buyer                        | RECHAZADO                             |
 *
 * "CERRADO, ANULADO and RECHAZADO are final. Anything else is refused."
 */
import type { MovementEvent, OrderState } from "@/lib/orders/states";
import type { Flow } from "@/lib/registry/agent-types";

/** The table's actions; closing with every lot rejected is a row of its own. */
export const TABLE_ACTIONS = ["ANULAR", "VENDER", "DESPACHAR", "CERRAR", "CERRAR_TODO_RECHAZADO", "RECHAZAR"] as const;
export type TableAction = (typeof TABLE_ACTIONS)[number];

/** What an action records and leaves, or "refused". */
export type TableOutcome = { to: OrderState; event: MovementEvent } | "refused";

/** Who may take each action: the order's buyer, its chosen seller, or the operator of its plant. */
export const WHO: Record<TableAction, "buyer" | "seller" | "plant"> = {
  ANULAR: "buyer",
  VENDER: "seller",
  DESPACHAR: "plant",
  CERRAR: "buyer",
  CERRAR_TODO_RECHAZADO: "buyer",
  RECHAZAR: "buyer",
};

/** The role of each party (DESIGN.md, "Who uses it"). */
export const ROLE_OF: Record<(typeof WHO)[TableAction], "COMPRADOR" | "VENDEDOR" | "OPERADOR_PLANTA"> = {
  buyer: "COMPRADOR",
  seller: "VENDEDOR",
  plant: "OPERADOR_PLANTA",
};

const REFUSED = "refused" as const;
const NOTHING: Record<TableAction, TableOutcome> = {
  ANULAR: REFUSED,
  VENDER: REFUSED,
  DESPACHAR: REFUSED,
  CERRAR: REFUSED,
  CERRAR_TODO_RECHAZADO: REFUSED,
  RECHAZAR: REFUSED,
};

/**
 * Every state an order of each flow can be in × every action → its outcome. (A flow-a order is
 * never VENDIDO: its sale takes it straight to POR CERRAR.)
 */
export const DESIGN_TABLE: Record<Flow, Partial<Record<OrderState, Record<TableAction, TableOutcome>>>> = {
  A: {
    SOLICITADO: {
      ANULAR: { to: "ANULADO", event: "ANULADO" },
      VENDER: { to: "POR_CERRAR", event: "VENDIDO" },
      DESPACHAR: REFUSED,
      CERRAR: REFUSED,
      CERRAR_TODO_RECHAZADO: REFUSED,
      RECHAZAR: { to: "RECHAZADO", event: "RECHAZADO" },
    },
    POR_CERRAR: {
      ANULAR: REFUSED,
      VENDER: REFUSED,
      DESPACHAR: REFUSED,
      CERRAR: { to: "CERRADO", event: "CERRADO" },
      CERRAR_TODO_RECHAZADO: { to: "RECHAZADO", event: "RECHAZADO" },
      RECHAZAR: { to: "RECHAZADO", event: "RECHAZADO" },
    },
    CERRADO: NOTHING,
    ANULADO: NOTHING,
    RECHAZADO: NOTHING,
  },
  B: {
    SOLICITADO: {
      ANULAR: { to: "ANULADO", event: "ANULADO" },
      VENDER: { to: "VENDIDO", event: "VENDIDO" },
      DESPACHAR: REFUSED,
      CERRAR: REFUSED,
      CERRAR_TODO_RECHAZADO: REFUSED,
      RECHAZAR: { to: "RECHAZADO", event: "RECHAZADO" },
    },
    VENDIDO: {
      ANULAR: REFUSED,
      VENDER: REFUSED,
      DESPACHAR: { to: "POR_CERRAR", event: "DESPACHADO" },
      CERRAR: REFUSED,
      CERRAR_TODO_RECHAZADO: REFUSED,
      RECHAZAR: { to: "RECHAZADO", event: "RECHAZADO" },
    },
    POR_CERRAR: {
      ANULAR: REFUSED,
      VENDER: REFUSED,
      DESPACHAR: REFUSED,
      CERRAR: { to: "CERRADO", event: "CERRADO" },
      CERRAR_TODO_RECHAZADO: { to: "RECHAZADO", event: "RECHAZADO" },
      RECHAZAR: { to: "RECHAZADO", event: "RECHAZADO" },
    },
    CERRADO: NOTHING,
    ANULADO: NOTHING,
    RECHAZADO: NOTHING,
  },
};

/** The outcome of `action` on an order of `flow` in `state`. */
export function designOutcome(flow: Flow, state: OrderState, action: TableAction): TableOutcome {
  const row = DESIGN_TABLE[flow][state];
  if (!row) throw new Error(`an order of flow ${flow} is never ${state}`);
  return row[action];
}

/** "CERRADO, ANULADO and RECHAZADO are final." */
export const DESIGN_FINAL: readonly OrderState[] = ["CERRADO", "ANULADO", "RECHAZADO"];
/** Capacidad de compra counts "the volume of its orders still open (SOLICITADO, VENDIDO, POR CERRAR)". */
export const DESIGN_OPEN: readonly OrderState[] = ["SOLICITADO", "VENDIDO", "POR_CERRAR"];

/** The states every order of the flow can be in, as the table lists them. */
export const statesOf = (flow: Flow) => Object.keys(DESIGN_TABLE[flow]) as OrderState[];
