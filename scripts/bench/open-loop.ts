/**
 * The lifecycle at a fixed offered rate (open loop): requests arrive on a schedule — one every
 * 1/rate seconds — whether or not earlier ones have been answered, as independent clients do.
 * A closed loop (http-load.ts) waits for each answer before sending the next request, so a slow
 * answer also delays the requests that would have arrived meanwhile and its latency is counted
 * once instead of by every request it held up (coordinated omission). Here each latency runs from
 * the request's *scheduled* start, so a stall of the server, of the client or of its timers counts
 * against every request that should have been sent during it.
 *
 * A small scheduler over node:http rather than a library: autocannon's `overallRate` only paces a
 * closed loop (the omission stays), and the open-loop generators (wrk2, k6, vegeta) are not npm
 * packages. Each arrival takes the next step of a lifecycle whose previous step was answered
 * (oldest first) or, when none is waiting, registers a new order, so the mix of mix.ts holds.
 */
import http from "node:http";
import { lifecycleFor } from "./mix";
import { nextLifecycle, stepRequest, type LifecycleContext } from "./http-load";
import { latencyHistogram } from "./measure";
import type { BenchWorld } from "./world";

export interface OpenLoopMeasurement {
  /** requests per second offered by the schedule */
  offered: number;
  /** 2xx answers per second, from the first scheduled start to the last answer */
  achieved: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** answers that were not 2xx, socket errors, and requests still unanswered at the end */
  failed: number;
  operations: number;
  /** the most requests in flight at once */
  maxInFlight: number;
}

interface OpenLoopOptions {
  url: string;
  /** arrivals per second */
  rate: number;
  seconds: number;
  /** how long to wait for the last answers after the last arrival */
  drainSeconds?: number;
}

function send(agent: http.Agent, base: URL, request: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = http.request(
      { agent, host: base.hostname, port: base.port, method: request.method, path: request.path, headers: request.headers },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        response.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body || undefined);
  });
}

export async function measureOpenLoop(world: BenchWorld, { url, rate, seconds, drainSeconds = 30 }: OpenLoopOptions): Promise<OpenLoopMeasurement> {
  // Enough sockets that the client never queues a request behind another: a queued request's
  // wait would still be counted (latency runs from the schedule), but it would be the client's.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const base = new URL(url);
  const histogram = latencyHistogram();
  const ready: LifecycleContext[] = [];
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  let succeeded = 0;
  let failed = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let lastAnswer = 0;
  let pending: Promise<void>[] = [];
  /** how many steps of each lifecycle have been answered */
  const stepsDone = new WeakMap<LifecycleContext, number>();

  const arrive = async (scheduled: number) => {
    let context = ready.shift();
    if (!context) {
      const n = nextLifecycle();
      context = { n, lifecycle: lifecycleFor(0, n) };
    }
    const step = context.lifecycle!.steps[stepsDone.get(context) ?? 0];
    const request = stepRequest(world, context, step);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      const { status, body } = await send(agent, base, request as Parameters<typeof send>[2]);
      const answered = performance.now();
      lastAnswer = answered;
      if (status < 200 || status >= 300) {
        failed++;
        if (process.env.BENCH_DEBUG) console.error(status, body);
        return;
      }
      succeeded++;
      histogram.recordValue(Math.max(1, Math.round((answered - scheduled) * 1000)));
      if (step === "register") context.code = (JSON.parse(body) as { code: string }).code;
      const done = (stepsDone.get(context) ?? 0) + 1;
      stepsDone.set(context, done);
      if (done < context.lifecycle!.steps.length) ready.push(context);
    } catch (error) {
      failed++;
      if (process.env.BENCH_DEBUG) console.error(error);
    } finally {
      inFlight--;
    }
  };
  const started = performance.now();
  await new Promise<void>((resolve) => {
    let next = 0;
    const tick = () => {
      const now = performance.now();
      // every arrival that is due, each with its own scheduled start (a late timer is counted)
      while (next < total && started + next * interval <= now) pending.push(arrive(started + next++ * interval));
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, started + next * interval - performance.now()));
    };
    tick();
  });
  const drained = await Promise.race([
    Promise.all(pending).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), drainSeconds * 1000).unref()),
  ]);
  const unanswered = drained ? 0 : inFlight;
  pending = [];
  agent.destroy();
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  const outcome: OpenLoopMeasurement = {
    offered: rate,
    achieved: succeeded / (((lastAnswer || performance.now()) - started) / 1000),
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    max: histogram.maxValue / 1000,
    failed: failed + unanswered,
    operations: succeeded,
    maxInFlight,
  };
  histogram.destroy();
  return outcome;
}
