import { TRANSITIONS } from "./states";

/**
 * Every (previous state, event, resulting state, flow) the state machine allows; '-' is "no
 * movement yet". The integrity checker replays stored movements against it, and the legacy
 * import replays imported ones.
 */
export function allowedSteps(): [string, string, string, string][] {
  const steps: [string, string, string, string][] = [];
  for (const flow of ["A", "B"] as const) {
    steps.push(["-", "SOLICITADO", "SOLICITADO", flow]);
    for (const transition of Object.values(TRANSITIONS)) {
      if (!transition.flows.includes(flow)) continue;
      for (const from of transition.from) steps.push([from, transition.event, transition.to(flow), flow]);
    }
    // closeOrder with every lot rejected ends RECHAZADO with a RECHAZADO movement
    steps.push(["POR_CERRAR", "RECHAZADO", "RECHAZADO", flow]);
  }
  return steps;
}
