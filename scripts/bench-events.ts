/**
 * `npm run bench:events`: what the transactional outbox costs the order lifecycle, and how fast
 * and how late its events reach a webhook receiver, at bench:lifecycle's load (the same world,
 * mix and load generator, over /api/v1 on the production server).
 *
 * For each engine and concurrency, in alternating rounds on the same database:
 * - "with": the server as shipped — every transition writes its outbox event, and the worker in
 *   the same process fans events out and POSTs them, signed, to a receiver in this process (one
 *   endpoint per seller, so each event is one delivery);
 * - "without": the same server with SCOP_BENCH_WITHOUT_OUTBOX=1 (no event written, nothing to
 *   deliver).
 * Cost = 1 − with/without transitions per second (target < 10 %). Lag = arrival at the receiver −
 * the event's instant (the transition's commit), p50/p95/p99 (target p95 < 2 s); delivery
 * throughput counts deliveries that arrived while the load ran, and the drain is how long the
 * rest took after it stopped. Needs `npm run build` and Debian's postgresql package.
 *
 *   npm run bench:events -- [--seconds 4] [--engines sqlite,postgresql] [--concurrency 16,64] [--rounds 2] [--port 3120]
 */
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createDatabase } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { migrate } from "@/lib/db/migrate";
import { ORDER_EVENT_TYPES } from "@/lib/events/catalog";
import { createEndpoint } from "@/lib/events/webhooks/endpoints";
import { assertBuilt, startAppServer } from "@/harness/app-server";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";
import { startWebhookReceiver, type WebhookReceiver } from "@/harness/webhook-receiver";
import { measureLifecycles } from "./bench/http-load";
import { latencyHistogram, type Measurement } from "./bench/measure";
import { seedBenchWorld, type BenchWorld } from "./bench/world";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "4" },
    engines: { type: "string", default: "sqlite,postgresql" },
    concurrency: { type: "string", default: "16,64" },
    rounds: { type: "string", default: "2" },
    port: { type: "string", default: "3120" },
  },
});
const SECONDS = Number(args.seconds);
const CONCURRENCY = args.concurrency.split(",").map(Number);
const ENGINES = args.engines.split(",") as Engine[];
const ROUNDS = Number(args.rounds);
const PORT = Number(args.port);
const CODE_SECRET = "bench-authorization-code-secret";
const TARGETS = { cost: 0.1, lagP95Ms: 2000 };

interface Lag {
  deliveries: number;
  duringLoad: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  drainSeconds: number;
}

interface Row {
  engine: Engine;
  concurrency: number;
  with: Measurement[];
  without: Measurement[];
  lags: Lag[];
}

async function prepare(engine: Engine, cluster: PostgresCluster | undefined, receiver: WebhookReceiver) {
  let url: string;
  if (engine === "sqlite") {
    const dir = path.join(root, "data/bench");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "bench-events.db");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    url = `file:${file}`;
  } else {
    url = cluster!.urlFor("scop_bench_events");
  }
  await migrate(url, root);
  const db = createDatabase(url);
  const world = await seedBenchWorld(db);
  process.env.SCOP_WEBHOOKS_ALLOW_LOCAL = "1";
  for (const seller of [...world.sellersA, ...world.sellersB]) {
    await createEndpoint(db, { userId: seller.userId, agentId: seller.agentId, role: "VENDEDOR" }, { url: `${receiver.url}/s${seller.agentId}`, eventTypes: [...ORDER_EVENT_TYPES] });
  }
  delete process.env.SCOP_WEBHOOKS_ALLOW_LOCAL;
  await db.close();
  return { url, world };
}

/** Waits until the outbox and the deliveries are empty; returns how long it took. */
async function drain(url: string): Promise<number> {
  const started = Date.now();
  const db = createDatabase(url);
  try {
    for (;;) {
      const pending = (await db.prisma.outboxEvent.count({ where: { processedAt: null } })) + (await db.prisma.webhookDelivery.count({ where: { status: "PENDIENTE" } }));
      if (pending === 0) return (Date.now() - started) / 1000;
      if (Date.now() - started > 300_000) throw new Error(`quedan ${pending} eventos o entregas sin entregar tras 5 min`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await db.close();
  }
}

function lagOf(receiver: WebhookReceiver, from: number, loadEnded: number, drainSeconds: number): Lag {
  const histogram = latencyHistogram();
  let deliveries = 0;
  let duringLoad = 0;
  let max = 0;
  for (const request of receiver.requests.slice(from)) {
    const { timestamp } = JSON.parse(request.body) as { timestamp: string };
    const lag = Math.max(0, request.receivedAt - Date.parse(timestamp));
    histogram.recordValue(Math.max(1, lag * 1000));
    max = Math.max(max, lag);
    deliveries++;
    if (request.receivedAt <= loadEnded) duringLoad++;
  }
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  const lag = { deliveries, duringLoad, p50: ms(50), p95: ms(95), p99: ms(99), max, drainSeconds };
  histogram.destroy();
  return lag;
}

async function measure(url: string, world: BenchWorld, concurrency: number, outbox: boolean, receiver: WebhookReceiver): Promise<{ load: Measurement; lag?: Lag }> {
  const server = await startAppServer({
    port: PORT,
    databaseUrl: url,
    env: {
      AUTH_CODE_SECRET: CODE_SECRET,
      SCOP_API_RATE_LIMIT_PER_MINUTE: "100000000",
      SCOP_WEBHOOKS_ALLOW_LOCAL: "1",
      ...(outbox ? {} : { SCOP_BENCH_WITHOUT_OUTBOX: "1" }),
    },
  });
  try {
    await measureLifecycles(world, { url: server.url, connections: concurrency, seconds: 1 }); // warm-up
    if (outbox) await drain(url);
    const from = receiver.requests.length;
    const load = await measureLifecycles(world, { url: server.url, connections: concurrency, seconds: SECONDS });
    const loadEnded = Date.now();
    if (!outbox) return { load };
    const drainSeconds = await drain(url);
    return { load, lag: lagOf(receiver, from, loadEnded, drainSeconds) };
  } finally {
    await server.stop();
  }
}

async function benchEngine(engine: Engine, cluster: PostgresCluster | undefined, receiver: WebhookReceiver): Promise<Row[]> {
  const { url, world } = await prepare(engine, cluster, receiver);
  const rows: Row[] = [];
  for (const concurrency of CONCURRENCY) {
    const row: Row = { engine, concurrency, with: [], without: [], lags: [] };
    for (let round = 0; round < ROUNDS; round++) {
      // alternate which goes first, so a drift over the run does not favour one side
      for (const outbox of round % 2 === 0 ? [true, false] : [false, true]) {
        const { load, lag } = await measure(url, world, concurrency, outbox, receiver);
        (outbox ? row.with : row.without).push(load);
        if (lag) row.lags.push(lag);
        console.log(
          `  ${engine} c${concurrency} ${outbox ? "con outbox" : "sin outbox"}: ${load.throughput.toFixed(0)} tr/s (p95 ${load.p95.toFixed(1)} ms, ${load.failed} fallidas)` +
            (lag ? `; ${lag.deliveries} entregas, demora p95 ${lag.p95.toFixed(0)} ms, vaciado en ${lag.drainSeconds.toFixed(1)} s` : ""),
        );
      }
    }
    rows.push(row);
  }
  return rows;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function print(rows: Row[]): boolean {
  const header = [
    "engine".padEnd(10),
    "c".padStart(3),
    "with tr/s".padStart(10),
    "without".padStart(8),
    "cost".padStart(7),
    "with p95 ms".padStart(12),
    "w/o p95".padStart(8),
    "deliv/s".padStart(8),
    "lag p50/p95/p99/max ms".padStart(24),
    "drain s".padStart(8),
    "  target",
  ].join(" ");
  console.log(`\n${header}\n${"-".repeat(header.length)}`);
  let failed = false;
  for (const row of rows) {
    // totals over the rounds: operations / seconds, the same weight for every round
    const rate = (cells: Measurement[]) => sum(cells.map((cell) => cell.operations)) / (cells.length * SECONDS);
    const withRate = rate(row.with);
    const withoutRate = rate(row.without);
    const cost = 1 - withRate / withoutRate;
    const worst = (pick: (lag: Lag) => number) => Math.max(...row.lags.map(pick));
    const deliveriesPerSecond = sum(row.lags.map((lag) => lag.duringLoad)) / (row.lags.length * SECONDS);
    const ok = cost < TARGETS.cost && worst((lag) => lag.p95) < TARGETS.lagP95Ms;
    failed ||= !ok;
    console.log(
      [
        row.engine.padEnd(10),
        String(row.concurrency).padStart(3),
        withRate.toFixed(0).padStart(10),
        withoutRate.toFixed(0).padStart(8),
        `${(cost * 100).toFixed(1)} %`.padStart(7),
        Math.max(...row.with.map((cell) => cell.p95)).toFixed(1).padStart(12),
        Math.max(...row.without.map((cell) => cell.p95)).toFixed(1).padStart(8),
        deliveriesPerSecond.toFixed(0).padStart(8),
        [worst((lag) => lag.p50), worst((lag) => lag.p95), worst((lag) => lag.p99), worst((lag) => lag.max)].map((ms) => ms.toFixed(0)).join("/").padStart(24),
        worst((lag) => lag.drainSeconds).toFixed(1).padStart(8),
        `  ${ok ? "PASS" : "FAIL"} (cost < ${TARGETS.cost * 100} %, lag p95 < ${TARGETS.lagP95Ms} ms)`,
      ].join(" "),
    );
  }
  console.log(
    `\n${SECONDS} s per cell, ${ROUNDS} round(s) of each, alternating; tr/s = lifecycle transitions answered 2xx per second (bench:lifecycle's mix).` +
      "\nwith = outbox event in every transition plus the in-process worker delivering signed webhooks (one endpoint per seller: one delivery per event);" +
      "\nwithout = SCOP_BENCH_WITHOUT_OUTBOX=1. lag = arrival at the receiver − the event's commit, worst round; deliv/s = deliveries that arrived during the load;" +
      `\ndrain = time to deliver the rest after the load stopped. Server, PostgreSQL, load generator and receiver share this machine's ${availableParallelism()} cores.`,
  );
  return failed;
}

assertBuilt(root);
const started = Date.now();
let cluster: PostgresCluster | undefined;
const receiver = await startWebhookReceiver();
const rows: Row[] = [];
try {
  for (const engine of ENGINES) {
    if (engine === "postgresql") cluster = await startPostgresCluster();
    console.log(`${engine}: preparando y midiendo…`);
    rows.push(...(await benchEngine(engine, cluster, receiver)));
  }
} finally {
  await receiver.close();
  cluster?.stop();
}
const failed = print(rows);
console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
process.exitCode = failed ? 1 : 0;
