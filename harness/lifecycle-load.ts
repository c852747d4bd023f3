/**
 * A bounded lifecycle load over the HTTP API (/api/v1): concurrent journeys of orders through
 * every transition — registration, sale, dispatch, closure, annulment, rejection — spread over
 * one or more server instances, plus races where the same order is sold and annulled at once on
 * two instances. Every success answer is kept as an Acknowledgement, so a checker can prove
 * afterwards that nothing acknowledged was lost (lib/orders/integrity.ts checkAcknowledged).
 * Used by tests/scale/*.spec.ts and `scripts/load-lifecycle.ts`.
 */
import type { Acknowledgement } from "@/lib/orders/integrity";
import type { MovementEvent, OrderState } from "@/lib/orders/states";
import { Prng } from "@/lib/prng";
import { limaDay } from "@/lib/time";
import { DEMO_TRUCKS } from "@/lib/seed/demo-agents";

/** A server under this load answers more requests per key than production allows (SCOP_API_RATE_LIMIT_PER_MINUTE). */
export const LOAD_SERVER_ENV = { SCOP_API_RATE_LIMIT_PER_MINUTE: "100000" };

/** API keys of the demo users that act in the journeys (demo-database.ts loadActors makes them). */
export interface LoadKeys {
  /** buyers that buy in flow a from `flowASellerId` and in flow b from `flowBSellerId` at `plantId` */
  buyers: string[];
  flowASeller: string;
  flowBSeller: string;
  plantOperator: string;
}

/** The demo sellers' trucks the load sells on: Fermiones (flow a) and Gluones (flow b). */
const DEMO_PLATES = {
  vendedor: DEMO_TRUCKS.filter((truck) => truck.owner === "fermiones" && (truck.status ?? "VIGENTE") === "VIGENTE" && truck.insuranceExpiresOn >= "2027-01-01").map((truck) => truck.plate),
  comercializador: DEMO_TRUCKS.filter((truck) => truck.owner === "gluones" && (truck.status ?? "VIGENTE") === "VIGENTE").map((truck) => truck.plate),
};

export interface LoadAgents {
  flowASellerId: number;
  flowBSellerId: number;
  plantId: number;
}

export interface LoadOptions {
  baseUrls: string[];
  keys: LoadKeys;
  agents: LoadAgents;
  /** journeys started in all (each is 2 to 4 requests); ignored once `until` is aborted */
  journeys: number;
  /** journeys in flight at once */
  concurrency: number;
  /** stops starting journeys (and counts requests cut off by it as failed, not acknowledged) */
  until?: AbortSignal;
  seed?: number;
  /** per-request timeout */
  timeoutMs?: number;
  /** called after each success answer with the number so far (e.g. to crash a server mid-stream) */
  onSuccess?: (succeeded: number) => void;
}

export interface LoadResult {
  acknowledged: Acknowledgement[];
  /** requests answered with success */
  succeeded: number;
  /** refusals by status and problem code, e.g. "422 CAPACIDAD_INSUFICIENTE" */
  refused: Record<string, number>;
  /** network errors and 5xx answers */
  failed: number;
  /** races where both the sale and the annulment of one order got a success answer (must be 0) */
  doubleWins: number;
  requests: number;
  elapsedMs: number;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown> | null;
}

/** One POST to /api/v1; a network error or timeout resolves to status 0. */
export async function apiPost(baseUrl: string, path: string, key: string, body: unknown, timeoutMs = 30_000): Promise<ApiAnswer> {
  try {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}


const JOURNEYS = ["annul", "closeA", "rejectA", "closeB", "rejectAllB", "race"] as const;
type Journey = (typeof JOURNEYS)[number];

const EVENT_OF: Record<string, MovementEvent> = { orders: "SOLICITADO", sale: "VENDIDO", dispatch: "DESPACHADO", annul: "ANULADO", reject: "RECHAZADO" };

export async function runLifecycleLoad(options: LoadOptions): Promise<LoadResult> {
  const { baseUrls, keys, agents } = options;
  // seeded, so a failing run can be repeated
  const prng = new Prng(options.seed ?? 7);
  const pick = <T>(items: readonly T[]) => prng.pick(items);
  const deliveryDate = limaDay(new Date(Date.now() + 5 * 86_400_000));
  const result: LoadResult = { acknowledged: [], succeeded: 0, refused: {}, failed: 0, doubleWins: 0, requests: 0, elapsedMs: 0 };
  let turn = 0;
  let documentNumber = 0;
  const started = Date.now();

  /** Sends one transition to the next instance in turn; records it; the answer's state on success. */
  async function send(path: string, key: string, body: unknown, baseUrl = baseUrls[turn++ % baseUrls.length]): Promise<{ code: string; state: OrderState } | null> {
    result.requests++;
    const answer = await apiPost(baseUrl, path, key, body, options.timeoutMs);
    if (answer.status >= 200 && answer.status < 300 && answer.body) {
      const code = String(answer.body.code);
      const state = answer.body.state as OrderState;
      const action = path === "/orders" ? "orders" : path.split("/").at(-1)!;
      const event: MovementEvent = action === "close" ? (state === "RECHAZADO" ? "RECHAZADO" : "CERRADO") : EVENT_OF[action];
      result.succeeded++;
      result.acknowledged.push({ code, event, state });
      options.onSuccess?.(result.succeeded);
      return { code, state };
    }
    if (answer.status === 0 || answer.status >= 500) {
      result.failed++;
    } else {
      const reason = `${answer.status} ${String(answer.body?.code ?? "")}`.trim();
      result.refused[reason] = (result.refused[reason] ?? 0) + 1;
    }
    return null;
  }

  const lot = (volume: string, flowB: boolean) => {
    documentNumber++;
    // A registered, insured, VIGENTE truck of the demo seller (lib/seed/demo-agents.ts).
    const fleet = flowB ? DEMO_PLATES.comercializador : DEMO_PLATES.vendedor;
    const plate = fleet[documentNumber % fleet.length];
    const number = String(documentNumber).padStart(8, "0");
    return { volume, plate, guiaRemision: `T001-${number}`, factura: `F001-${number}` };
  };

  async function journey(kind: Journey) {
    const buyer = pick(keys.buyers);
    const flowB = kind === "closeB" || kind === "rejectAllB";
    const volume = `${prng.int(200, 899)}.${String(prng.int(0, 99)).padStart(2, "0")}`;
    const registered = await send(
      "/orders",
      buyer,
      flowB
        ? { sellerType: "COMERCIALIZADOR", sellerId: agents.flowBSellerId, plantId: agents.plantId, volume, deliveryDate }
        : { sellerType: "PLANTA_ENVASADORA", sellerId: agents.flowASellerId, volume, deliveryDate },
    );
    if (!registered) return;
    const { code } = registered;
    const at = (action: string) => `/orders/${code}/${action}`;

    if (kind === "annul") {
      await send(at("annul"), buyer, {});
      return;
    }
    if (kind === "race") {
      // The same order sold on one instance and annulled on another at the same moment: one wins.
      const [sold, annulled] = await Promise.all([
        send(at("sale"), keys.flowASeller, { lots: [lot(volume, false)] }, baseUrls[0]),
        send(at("annul"), buyer, {}, baseUrls[baseUrls.length - 1]),
      ]);
      if (sold && annulled) result.doubleWins++;
      if (sold) await send(at("close"), buyer, { lots: [{ position: 1, rejected: false, receivedVolume: volume }] });
      return;
    }
    const seller = flowB ? keys.flowBSeller : keys.flowASeller;
    if (!(await send(at("sale"), seller, { lots: [lot(volume, flowB)] }))) return;
    if (kind === "rejectA") {
      await send(at("reject"), buyer, { reason: "Producto fuera de especificación" });
      return;
    }
    if (flowB && !(await send(at("dispatch"), keys.plantOperator, { lots: [{ position: 1, volume }] }))) return;
    const lots = kind === "rejectAllB" ? [{ position: 1, rejected: true }] : [{ position: 1, rejected: false, receivedVolume: volume }];
    await send(at("close"), buyer, { lots });
  }

  let startedJourneys = 0;
  const worker = async () => {
    while (startedJourneys < options.journeys && !options.until?.aborted) {
      startedJourneys++;
      await journey(pick(JOURNEYS));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  result.elapsedMs = Date.now() - started;
  return result;
}

/** One line for logs: requests, successes, refusals by reason, failures, time. */
export function describeLoad(result: LoadResult): string {
  const refused = Object.entries(result.refused)
    .map(([reason, count]) => `${reason}×${count}`)
    .join(", ");
  return `${result.requests} solicitudes en ${(result.elapsedMs / 1000).toFixed(1)} s: ${result.succeeded} con éxito, rechazadas: ${refused || "ninguna"}, fallidas: ${result.failed}`;
}
