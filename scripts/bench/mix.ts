/**
 * The lifecycle mix the benchmark drives, the same over HTTP and on the raw driver: out of every
 * ten orders four go through flow a (register → sale → close), four through flow b (register →
 * sale → dispatch → close), one is annulled and one sold and then rejected. Each step is one
 * transition; every order ends, so the buyers' capacity is freed as fast as it is taken.
 */
export type Step = "register" | "sale" | "dispatch" | "close" | "annul" | "reject";

export interface Lifecycle {
  flow: "A" | "B";
  steps: readonly Step[];
}

const FLOW_A: Lifecycle = { flow: "A", steps: ["register", "sale", "close"] };
const FLOW_B: Lifecycle = { flow: "B", steps: ["register", "sale", "dispatch", "close"] };
const ANNULLED: Lifecycle = { flow: "A", steps: ["register", "annul"] };
const REJECTED: Lifecycle = { flow: "A", steps: ["register", "sale", "reject"] };

const CYCLE: readonly Lifecycle[] = [FLOW_A, FLOW_B, FLOW_A, FLOW_B, ANNULLED, FLOW_A, FLOW_B, FLOW_A, FLOW_B, REJECTED];

/** The most steps any lifecycle has. */
export const MAX_STEPS = Math.max(...CYCLE.map((lifecycle) => lifecycle.steps.length));

/** The n-th lifecycle of one worker; workers start at different offsets so the mix holds at any moment. */
export function lifecycleFor(worker: number, n: number): Lifecycle {
  return CYCLE[(worker + n) % CYCLE.length];
}

/** Order volume and lots, in gallons as the API takes them. */
export const ORDER_VOLUME = "1000.00";
export const LOT_VOLUMES = ["600.00", "400.00"] as const;
export const REJECTION_REASON = "Producto fuera de especificación";
