/**
 * `npm run bench:lifecycle`: the order lifecycle end to end over HTTP (/api/v1 on `next start`) at
 * concurrency 1, 16 and 64 on SQLite and on PostgreSQL, beside the two bounds measured in the same
 * run — the framework's ceiling (GET /api/health on the same server and load generator) and the
 * database's floor (the same transactions on the raw driver) — and the ratios against the targets
 * of issue 7. Needs a production build (`npm run build`) and Debian's postgresql package.
 *
 * Then, on the same server, an open-loop run (bench/open-loop.ts): lifecycle transitions arriving
 * at a fixed rate, by default half the SQLite capacity just measured (the best closed-loop
 * throughput), latency from each request's scheduled start, against the target p99 < 50 ms.
 *
 *   npm run bench:lifecycle -- [--seconds 4] [--engines sqlite,postgresql] [--port 3110] [--cpu-prof DIR]
 *                              [--open-rate N] [--open-seconds S]
 */
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import { createDatabase } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { migrate } from "@/lib/db/migrate";
import { assertBuilt, startAppServer } from "@/harness/app-server";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";
import { postmasterOn, treeCpuSeconds } from "@/harness/process-stats";
import { measureFloor, postgresDriver, sqliteDriver } from "./bench/floor";
import { measureCeiling, measureLifecycles } from "./bench/http-load";
import { withCpu, type Measurement } from "./bench/measure";
import { measureOpenLoop, type OpenLoopMeasurement } from "./bench/open-loop";
import { seedBenchWorld } from "./bench/world";

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "4" },
    engines: { type: "string", default: "sqlite,postgresql" },
    concurrency: { type: "string", default: "1,16,64" },
    port: { type: "string", default: "3110" },
    "cpu-prof": { type: "string" },
    /** arrivals per second of the open-loop run (default: half the SQLite capacity measured first) */
    "open-rate": { type: "string" },
    "open-seconds": { type: "string" },
  },
});
const SECONDS = Number(args.seconds);
const OPEN_SECONDS = Number(args["open-seconds"] ?? Math.max(SECONDS, 4));
const CONCURRENCY = args.concurrency.split(",").map(Number);
const ENGINES = args.engines.split(",") as Engine[];
/** The app's PostgreSQL pool per process (lib/db/database.ts); the floor gets the same. */
const POOL_SIZE = 10;
const CODE_SECRET = "bench-authorization-code-secret";

/** Targets of issue 7: transitions at concurrency 64 as a share of the ceiling, and p99 on SQLite. */
const TARGETS: Record<Engine, { share: number; p99?: number }> = { sqlite: { share: 0.5 }, postgresql: { share: 1 / 3 } };
/**
 * Issue 19: the closed-loop p99 at c64 (issue 7's 100 ms on SQLite) is out of reach of any route
 * on two shared cores (Little's law, printed below); the latency target is an open-loop one
 * instead: at half the SQLite capacity, p99 under this many milliseconds.
 */
const OPEN_LOOP_P99 = 50;

interface Row {
  engine: Engine;
  concurrency: number;
  app: Measurement;
  ceiling: Measurement;
  floor: Measurement;
}

interface OpenRow {
  engine: Engine;
  /** where the offered rate came from */
  rateFrom: string;
  open: OpenLoopMeasurement;
  /** CPU ms per answered transition, server (and PostgreSQL) */
  cpuPerOperation?: number;
}

/** Offered rate of the open-loop run: the flag, or half the best closed-loop throughput on SQLite. */
let openRate: { rate: number; from: string } | undefined = args["open-rate"] ? { rate: Number(args["open-rate"]), from: "--open-rate" } : undefined;
const openRows: OpenRow[] = [];

async function prepare(engine: Engine, cluster: PostgresCluster | undefined) {
  let url: string;
  if (engine === "sqlite") {
    const dir = path.join(root, "data/bench");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "bench.db");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
    url = `file:${file}`;
  } else {
    url = cluster!.urlFor("scop_bench");
  }
  await migrate(url, root);
  const db = createDatabase(url);
  const world = await seedBenchWorld(db);
  await db.close();
  return { url, world };
}

async function benchEngine(engine: Engine, cluster: PostgresCluster | undefined): Promise<Row[]> {
  const { url, world } = await prepare(engine, cluster);
  const codes = new AuthorizationCodeGenerator(CODE_SECRET);
  const rows: Row[] = [];

  const profileDir = args["cpu-prof"] ? path.resolve(args["cpu-prof"], engine) : undefined;
  const server = await startAppServer({
    port: Number(args.port),
    databaseUrl: url,
    env: {
      AUTH_CODE_SECRET: CODE_SECRET,
      // The per-key limit protects production; here it would only measure the limiter saying no.
      SCOP_API_RATE_LIMIT_PER_MINUTE: "100000000",
    },
    cpuProfileDir: profileDir,
  });
  // CPU of the server process, and of the PostgreSQL server (a separate set of processes) on that
  // engine: read apart and added by withCpu, the same way for every cell (app, ceiling, floor).
  const postmaster = engine === "postgresql" ? postmasterOn(Number(new URL(url).port)) : undefined;
  if (engine === "postgresql" && postmaster === undefined) throw new Error("no encontré el proceso de PostgreSQL: no puedo contar su CPU");
  const database = postmaster === undefined ? undefined : () => treeCpuSeconds(postmaster);
  const serverCpu = () => treeCpuSeconds(server.pid);
  const http: Record<number, { app: Measurement; ceiling: Measurement }> = {};
  try {
    // Warm-up: JIT, Prisma's query plans, the pool's connections.
    await measureLifecycles(world, { url: server.url, connections: 16, seconds: 2 });
    await measureCeiling({ url: server.url, connections: 16, seconds: 1 });
    for (const concurrency of CONCURRENCY) {
      const app = await withCpu(serverCpu, () => measureLifecycles(world, { url: server.url, connections: concurrency, seconds: SECONDS }), database);
      const ceiling = await withCpu(serverCpu, () => measureCeiling({ url: server.url, connections: concurrency, seconds: SECONDS }), database);
      http[concurrency] = { app, ceiling };
      console.log(`  ${engine} c${concurrency}: app ${app.throughput.toFixed(0)}/s, ceiling ${ceiling.throughput.toFixed(0)}/s`);
    }
    if (!openRate) {
      const capacity = Math.max(...Object.values(http).map((cell) => cell.app.throughput));
      // SQLite runs first by default; a run without it falls back to its own engine's capacity
      openRate = { rate: Math.max(1, Math.round(capacity / 2)), from: `½ × ${engine} closed-loop capacity ${capacity.toFixed(0)}/s` };
    }
    const before = serverCpu() + (database?.() ?? 0);
    const open = await measureOpenLoop(world, { url: server.url, rate: openRate.rate, seconds: OPEN_SECONDS });
    const used = serverCpu() + (database?.() ?? 0) - before;
    openRows.push({ engine, rateFrom: openRate.from, open, cpuPerOperation: open.operations ? (used * 1000) / open.operations : undefined });
    console.log(`  ${engine} open loop at ${openRate.rate}/s: achieved ${open.achieved.toFixed(0)}/s, p99 ${open.p99.toFixed(1)} ms`);
  } finally {
    await server.stop();
  }

  // The floor, on the same database, with the server stopped.
  const floorFor = new Map<number, Measurement>();
  const clientCpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1e6;
  };
  if (engine === "sqlite") {
    const driver = sqliteDriver(url.replace(/^file:/, ""));
    const floor = await withCpu(clientCpu, () => measureFloor(engine, driver, world, codes, { workers: 1, seconds: SECONDS }), database);
    await driver.close();
    for (const concurrency of CONCURRENCY) floorFor.set(concurrency, floor);
  } else {
    const driver = postgresDriver(url, POOL_SIZE);
    for (const concurrency of CONCURRENCY) {
      floorFor.set(
        concurrency,
        await withCpu(clientCpu, () => measureFloor(engine, driver, world, codes, { workers: concurrency, seconds: SECONDS }), database),
      );
    }
    await driver.close();
  }
  for (const concurrency of CONCURRENCY) {
    const floor = floorFor.get(concurrency)!;
    // a refused floor transition (a lost race, capacity) ends its lifecycle: say how many, a floor that refuses is no floor
    console.log(`  ${engine} floor c${concurrency}: ${floor.throughput.toFixed(0)}/s, ${floor.failed} refused`);
    rows.push({ engine, concurrency, ...http[concurrency], floor });
  }
  return rows;
}

const pad = (text: string, width: number) => text.padStart(width);
const rate = (m: Measurement) => m.throughput.toFixed(0);
const cpu = (m: Measurement) => (m.cpuPerOperation === undefined ? "–" : m.cpuPerOperation.toFixed(2));
const latency = (m: Measurement) => `${m.p50.toFixed(1)}/${m.p95.toFixed(1)}/${m.p99.toFixed(1)}`;

function print(rows: Row[]) {
  const header = [
    "engine".padEnd(10),
    pad("c", 3),
    pad("app tr/s", 9),
    pad("app p50/p95/p99 ms", 20),
    pad("fail", 5),
    pad("ceiling/s", 10),
    pad("ceil p50/p95/p99", 18),
    pad("floor tr/s", 11),
    pad("floor p50/p95/p99", 19),
    pad("app/ceil", 9),
    pad("app/floor", 10),
    pad("cpu ms app/ceil/floor", 22),
    pad("cpu ceil/app", 13),
    "  target",
  ].join(" ");
  console.log(`\n${header}\n${"-".repeat(header.length)}`);
  let failed = false;
  for (const row of rows) {
    const share = row.app.throughput / row.ceiling.throughput;
    let verdict = "";
    if (row.concurrency === 64) {
      const target = TARGETS[row.engine];
      const ok = share >= target.share && (target.p99 === undefined || row.app.p99 < target.p99);
      failed ||= !ok;
      verdict = `${ok ? "PASS" : "FAIL"} (≥ ${target.share.toFixed(2)}×ceiling${target.p99 ? `, p99 < ${target.p99} ms` : ""})`;
    }
    console.log(
      [
        row.engine.padEnd(10),
        pad(String(row.concurrency), 3),
        pad(rate(row.app), 9),
        pad(latency(row.app), 20),
        pad(String(row.app.failed), 5),
        pad(rate(row.ceiling), 10),
        pad(latency(row.ceiling), 18),
        pad(rate(row.floor), 11),
        pad(latency(row.floor), 19),
        pad(share.toFixed(2), 9),
        pad((row.app.throughput / row.floor.throughput).toFixed(3), 10),
        pad([row.app, row.ceiling, row.floor].map(cpu).join("/"), 22),
        pad(row.app.cpuPerOperation && row.ceiling.cpuPerOperation ? (row.ceiling.cpuPerOperation / row.app.cpuPerOperation).toFixed(2) : "–", 13),
        ` ${verdict}`,
      ].join(" "),
    );
  }
  console.log(
    `\n${SECONDS} s per cell; tr/s = lifecycle transitions answered 2xx per second (mix: 4 flow a, 4 flow b, 1 annulled, 1 rejected in 10);` +
      "\nSQLite's floor is one transition at a time (synchronous driver, one writer), PostgreSQL's uses a pool of " +
      `${POOL_SIZE} like the app.\nLoad generator (autocannon) and server share this machine's ${availableParallelism()} cores.` +
      "\ncpu ms = CPU milliseconds per successful operation of the server process (app, ceiling) or of this process (floor)," +
      "\nplus the PostgreSQL server's; cpu ceil/app estimates app/ceiling on a machine where nothing else competes for the CPU.",
  );
  for (const row of rows.filter((row) => row.app.databaseCpuPerOperation !== undefined)) {
    const part = (m: Measurement) => `${(m.cpuPerOperation! - m.databaseCpuPerOperation!).toFixed(2)} + ${m.databaseCpuPerOperation!.toFixed(2)}`;
    console.log(
      `${row.engine} c${row.concurrency}: CPU ms per operation, node + PostgreSQL: app ${part(row.app)}, ceiling ${part(row.ceiling)}, floor ${part(row.floor)}`,
    );
  }
  // Little's law: with c requests always in flight, the mean latency is c / throughput. A
  // closed-loop p99 under issue 7's 100 ms at c64 needs more answers per second than this bound,
  // whatever the route: why the latency target is the open-loop one below.
  for (const row of rows.filter((row) => row.concurrency === 64)) {
    console.log(
      `${row.engine}: a closed-loop p99 < 100 ms at c64 needs more than ${Math.round((64 * 1000) / 100)} answers/s (mean latency = 64 / throughput);` +
        ` the constant route answered ${rate(row.ceiling)}/s with p50 ${row.ceiling.p50.toFixed(0)} ms, p99 ${row.ceiling.p99.toFixed(0)} ms.`,
    );
  }
  console.log(
    `\nOpen loop: ${OPEN_SECONDS} s of arrivals at a fixed rate, each transition's latency from its scheduled start (coordinated omission counted)`,
  );
  const openHeader = [
    "engine".padEnd(10),
    pad("offered/s", 10),
    pad("achieved/s", 11),
    pad("p50/p95/p99 ms", 20),
    pad("max ms", 8),
    pad("fail", 5),
    pad("in flight", 10),
    pad("cpu ms", 7),
    "  target",
  ].join(" ");
  console.log(`${openHeader}\n${"-".repeat(openHeader.length)}`);
  for (const row of openRows) {
    const ok = row.open.p99 < OPEN_LOOP_P99 && row.open.failed === 0;
    failed ||= !ok;
    console.log(
      [
        row.engine.padEnd(10),
        pad(row.open.offered.toFixed(0), 10),
        pad(row.open.achieved.toFixed(0), 11),
        pad(`${row.open.p50.toFixed(1)}/${row.open.p95.toFixed(1)}/${row.open.p99.toFixed(1)}`, 20),
        pad(row.open.max.toFixed(0), 8),
        pad(String(row.open.failed), 5),
        pad(String(row.open.maxInFlight), 10),
        pad(row.cpuPerOperation === undefined ? "–" : row.cpuPerOperation.toFixed(2), 7),
        ` ${ok ? "PASS" : "FAIL"} (p99 < ${OPEN_LOOP_P99} ms, no failures)`,
      ].join(" "),
    );
  }
  if (openRows.length) console.log(`offered rate: ${openRows[0].rateFrom}; in flight = the most requests outstanding at once.`);
  return failed;
}

assertBuilt(root);
const started = Date.now();
let cluster: PostgresCluster | undefined;
const rows: Row[] = [];
try {
  for (const engine of ENGINES) {
    if (engine === "postgresql") cluster = await startPostgresCluster();
    console.log(`${engine}: preparing and measuring…`);
    rows.push(...(await benchEngine(engine, cluster)));
  }
} finally {
  cluster?.stop();
}
const failed = print(rows);
console.log(`Total ${((Date.now() - started) / 1000).toFixed(0)} s.`);
process.exitCode = failed ? 1 : 0;
