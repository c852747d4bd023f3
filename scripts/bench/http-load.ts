/**
 * The HTTP side of the benchmark, driven by autocannon (a well-kept Node load generator with its
 * own lean HTTP/1.1 client, so the generator costs less CPU than the server it measures): a fixed
 * number of keep-alive connections, each sending its next request as soon as the previous one is
 * answered. Each connection walks through lifecycles of the mix (mix.ts), one transition per
 * request, carrying the Código de Autorización from the registration to the following steps.
 * Latencies go into an HdrHistogram for p50/p95/p99 (autocannon's own summary has no p95).
 */
import autocannon from "autocannon";
import { LOT_VOLUMES, MAX_STEPS, ORDER_VOLUME, REJECTION_REASON, lifecycleFor, type Lifecycle, type Step } from "./mix";
import { latencyHistogram, measurement, type Measurement } from "./measure";
import { partiesOf, type BenchWorld } from "./world";

interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
}

/** What one connection carries between the requests of a lifecycle (autocannon resets it after the last). */
export interface LifecycleContext {
  n?: number;
  lifecycle?: Lifecycle;
  code?: string;
  failed?: boolean;
}

async function run(options: autocannon.Options): Promise<Measurement> {
  const histogram = latencyHistogram();
  let succeeded = 0;
  let failed = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, outcome) => (error ? reject(error) : resolve(outcome)));
    instance.on("response", (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) {
        succeeded++;
        histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
      } else failed++;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  const outcome = measurement(histogram, succeeded, failed + result.errors + result.timeouts, seconds);
  histogram.destroy();
  return outcome;
}

/** GET /api/health: the framework's ceiling on the same server. */
export function measureCeiling({ url, connections, seconds }: LoadOptions): Promise<Measurement> {
  return run({ url: `${url}/api/health`, connections, duration: seconds, pipelining: 1 });
}

let lifecycles = 0;
/** A number for the next lifecycle, shared by the closed- and open-loop runs (idempotency keys stay unique). */
export const nextLifecycle = () => lifecycles++;
const runId = Date.now().toString(36);

export function stepRequest(world: BenchWorld, context: LifecycleContext, step: Step): autocannon.Request {
  const n = context.n!;
  const parties = partiesOf(world, n);
  const flow = context.lifecycle!.flow;
  const seller = flow === "A" ? parties.sellerA : parties.sellerB;
  const actor = { register: parties.buyer, sale: seller, dispatch: parties.plant, close: parties.buyer, annul: parties.buyer, reject: parties.buyer }[step];
  const lots = LOT_VOLUMES.map((volume, index) => ({ index, volume, position: index + 1 }));
  const body =
    step === "register"
      ? flow === "A"
        ? { sellerType: "PLANTA_ENVASADORA", sellerId: parties.sellerA.agentId, volume: ORDER_VOLUME, deliveryDate: "2026-12-31" }
        : { sellerType: "COMERCIALIZADOR", sellerId: parties.sellerB.agentId, plantId: parties.plant.agentId, volume: ORDER_VOLUME, deliveryDate: "2026-12-31" }
      : step === "sale"
        ? { lots: lots.map((lot) => ({ volume: lot.volume, plate: seller.plates[lot.index], guiaRemision: `T001-${String(n).padStart(8, "0").slice(-8)}`, factura: `F001-${String(n).padStart(8, "0").slice(-8)}` })) }
        : step === "dispatch"
          ? { lots: lots.map((lot) => ({ position: lot.position, volume: lot.volume })) }
          : step === "close"
            ? { lots: lots.map((lot) => ({ position: lot.position, rejected: false, receivedVolume: lot.volume })) }
            : step === "reject"
              ? { reason: REJECTION_REASON }
              : undefined;
  return {
    method: "POST",
    path: step === "register" ? "/api/v1/orders" : `/api/v1/orders/${context.code}/${step === "sale" ? "sale" : step}`,
    headers: {
      authorization: `Bearer ${actor.key}`,
      "content-type": "application/json",
      // What a careful client sends with every write, so a retry cannot act twice.
      "idempotency-key": `bench-${runId}-${n}-${step}`,
    },
    body: body === undefined ? "" : JSON.stringify(body),
  };
}

/** The lifecycle transitions over /api/v1. */
export function measureLifecycles(world: BenchWorld, { url, connections, seconds }: LoadOptions): Promise<Measurement> {
  const requests: autocannon.Request[] = Array.from({ length: MAX_STEPS }, (_, index) => ({
    setupRequest: (request: autocannon.Request, raw: object) => {
      const context = raw as LifecycleContext;
      if (index === 0) {
        context.n = nextLifecycle();
        context.lifecycle = lifecycleFor(0, context.n);
      } else if (context.failed || !context.code || index >= context.lifecycle!.steps.length) {
        // the lifecycle ended (or a step was refused): start the next one
        return null as unknown as autocannon.Request;
      }
      return { ...request, ...stepRequest(world, context, context.lifecycle!.steps[index]) };
    },
    onResponse: (status: number, body: string, raw: object) => {
      const context = raw as LifecycleContext;
      if (status < 200 || status >= 300) {
        context.failed = true;
        if (process.env.BENCH_DEBUG) console.error(status, body);
      } else if (index === 0) {
        context.code = (JSON.parse(body) as { code: string }).code;
      }
    },
  }));
  return run({ url, connections, duration: seconds, pipelining: 1, requests });
}
