/**
 * `npm run bench:log`: the movement log's measures (issue 18).
 *
 *   npm run bench:log -- lifecycle [--seconds 4] [--engines sqlite,postgresql] [--concurrency 16,64] [--rounds 2] [--port 3120]
 *       bench:lifecycle's transition throughput over HTTP with the log's sequencer off and on, in
 *       the same run, on the same database, alternating off/on rounds (goal: on ≥ 95 % of off,
 *       judged on the median of the rounds' on/off ratios: one round the machine slowed down in
 *       does not decide it); for each "on" cell, the share of its time the server's sequencer ran
 *       (from /api/metrics) and how long it took to catch up after it. Needs `npm run build`.
 *   npm run bench:log -- large --database-url file:data/large.db [--proofs 2000] [--reset-log]
 *       on a `seed:large` database: sequencing every movement (leaves/s; goal for 3.2 million:
 *       under 60 s), verifying the whole log from the database (goal: under 60 s), and the p95
 *       of an inclusion proof at that size, read from the tiles as the endpoint does (goal: < 20 ms).
 *       --reset-log empties the log first (to time the sequencing again).
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { assertBuilt, startAppServer } from "@/harness/app-server";
import { startPostgresCluster, type PostgresCluster } from "@/harness/postgres-cluster";
import { createDatabase, type Database } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { migrate } from "@/lib/db/migrate";
import { sql } from "@/lib/db/sql";
import { LogSigner } from "@/lib/log/node-crypto";
import { inclusionProofAt } from "@/lib/log/proofs";
import { sequence } from "@/lib/log/sequencer";
import { latestCheckpoint } from "@/lib/log/store";
import { verifyDatabase } from "@/lib/log/verify-database";
import { Prng } from "@/lib/prng";
import { measureLifecycles } from "./bench/http-load";
import { seedBenchWorld, type BenchWorld } from "./bench/world";

const root = path.resolve(import.meta.dirname, "..");
const [mode] = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const { values: args } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string", default: "4" },
    engines: { type: "string", default: "sqlite,postgresql" },
    concurrency: { type: "string", default: "16,64" },
    rounds: { type: "string", default: "2" },
    port: { type: "string", default: "3120" },
    "database-url": { type: "string" },
    proofs: { type: "string", default: "2000" },
    "reset-log": { type: "boolean", default: false },
  },
});
/** The demo key: the benchmark measures the work, not the key's secrecy. */
const signer = new LogSigner("PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+");
const CODE_SECRET = "bench-authorization-code-secret";
const METRICS_TOKEN = "bench-metrics-token-0123456789";

/**
 * Seconds the server's sequencer has spent so far: in its turns (which on SQLite include waiting
 * for the writer behind the requests' transactions) and inside its own transactions (on SQLite,
 * the time the requests' writes waited for it).
 */
async function sequencerSeconds(serverUrl: string): Promise<{ running: number; inTransactions: number }> {
  const response = await fetch(`${serverUrl}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  if (!response.ok) throw new Error(`/api/metrics respondió ${response.status}`);
  const text = await response.text();
  const sample = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? 0);
  return { running: sample("scop_log_sequencer_run_seconds_sum"), inTransactions: sample("scop_log_sequencer_transaction_seconds_total") };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
const fmt = (n: number, digits = 0) => n.toLocaleString("es-PE", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function counts(db: Database) {
  const [row] = await db.sql.all<{ rows: number; leaves: number }>(
    sql`SELECT (SELECT COUNT(*) FROM movements) + (SELECT COUNT(*) FROM agent_changes) + (SELECT COUNT(*) FROM truck_changes) AS "rows", (SELECT COUNT(*) FROM log_leaves) AS "leaves"`,
  );
  return { rows: Number(row.rows), leaves: Number(row.leaves) };
}

async function lifecycle() {
  assertBuilt(root);
  const SECONDS = Number(args.seconds);
  const CONCURRENCY = args.concurrency.split(",").map(Number);
  const ROUNDS = Number(args.rounds);
  let cluster: PostgresCluster | undefined;
  const rows: { engine: Engine; concurrency: number; off: number[]; on: number[]; lag: number[]; share: number[]; held: number[] }[] = [];
  try {
    for (const engine of args.engines.split(",") as Engine[]) {
      let url: string;
      if (engine === "sqlite") {
        const dir = path.join(root, "data/bench");
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, "bench-log.db");
        for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
        url = `file:${file}`;
      } else {
        cluster ??= await startPostgresCluster();
        url = cluster.urlFor("scop_bench_log");
      }
      await migrate(url, root);
      const db = createDatabase(url);
      const world: BenchWorld = await seedBenchWorld(db);
      const results = new Map(CONCURRENCY.map((c) => [c, { engine, concurrency: c, off: [] as number[], on: [] as number[], lag: [] as number[], share: [] as number[], held: [] as number[] }]));
      for (let round = 0; round < ROUNDS; round++) {
        // off→on, then on→off (ABBA): this machine's speed drifts during a run, and a fixed order
        // would charge the drift to whichever side always runs second
        for (const log of round % 2 === 0 ? (["off", "on"] as const) : (["on", "off"] as const)) {
          // the rows an "off" server left unsequenced are caught up first, by this process: an "on"
          // cell measures the log's cost for its own transitions, not another period's backlog
          if (log === "on") await sequence(db, signer, { batchSize: 5000 });
          const server = await startAppServer({
            port: Number(args.port),
            databaseUrl: url,
            env: {
              AUTH_CODE_SECRET: CODE_SECRET,
              SCOP_API_RATE_LIMIT_PER_MINUTE: "100000000",
              SCOP_LOG_SEQUENCER: log,
              SCOP_METRICS_TOKEN: METRICS_TOKEN,
              SCOP_LOG_SIGNING_KEY: "PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+",
            },
          });
          try {
            await measureLifecycles(world, { url: server.url, connections: 16, seconds: 2 });
            for (const concurrency of CONCURRENCY) {
              const ranBefore = log === "on" ? await sequencerSeconds(server.url) : null;
              const cellStarted = performance.now();
              const measured = await measureLifecycles(world, { url: server.url, connections: concurrency, seconds: SECONDS });
              const cellSeconds = (performance.now() - cellStarted) / 1000;
              results.get(concurrency)![log].push(measured.throughput);
              let lag = 0;
              let share = 0;
              let held = 0;
              if (log === "on") {
                const ran = await sequencerSeconds(server.url);
                share = (ran.running - ranBefore!.running) / cellSeconds;
                held = (ran.inTransactions - ranBefore!.inTransactions) / cellSeconds;
                results.get(concurrency)!.share.push(share);
                results.get(concurrency)!.held.push(held);
                // how long until everything committed during the cell is in a signed checkpoint
                const started = performance.now();
                for (;;) {
                  const { rows: total } = await counts(db);
                  if (((await latestCheckpoint(db.sql))?.treeSize ?? 0) >= total) break;
                  if (performance.now() - started > 60_000) throw new Error("el secuenciador no alcanzó a los movimientos en 60 s");
                  await new Promise((resolve) => setTimeout(resolve, 100));
                }
                lag = (performance.now() - started) / 1000;
                results.get(concurrency)!.lag.push(lag);
              }
              console.log(
                `  ${engine} ronda ${round + 1} registro ${log} c${concurrency}: ${fmt(measured.throughput)} tr/s${log === "on" ? `, secuenciador ${fmt(share * 100, 1)} % del tiempo (en sus transacciones ${fmt(held * 100, 1)} %), al día ${fmt(lag, 1)} s después` : ""}`,
              );
            }
          } finally {
            await server.stop();
          }
        }
      }
      // with the log off the tail was left behind: the log is then caught up and checked
      await sequence(db, signer, { batchSize: 5000 });
      const report = await verifyDatabase(db, [signer.verifierKey]);
      console.log(`  ${engine}: registro de ${fmt(report.treeSize)} hojas verificado: ${report.ok ? "íntegro" : report.problems.join(" ")}`);
      await db.close();
      rows.push(...results.values());
    }
  } finally {
    await cluster?.stop();
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  console.log(
    `\n${"motor".padEnd(11)} ${"c".padStart(3)} ${"sin registro tr/s".padStart(18)} ${"con registro tr/s".padStart(18)} ${"con/sin".padStart(8)} ${"mediana ronda".padStart(14)} ${"secuenciador %".padStart(15)} ${"en transacción %".padStart(17)} ${"al día (s)".padStart(11)}  meta`,
  );
  let failed = false;
  for (const row of rows) {
    // each round's on and off cells ran minutes apart at most, in alternating order
    const paired = median(row.on.map((on, round) => on / row.off[round]));
    const ok = paired >= 0.95;
    failed ||= !ok;
    console.log(
      `${row.engine.padEnd(11)} ${String(row.concurrency).padStart(3)} ${fmt(mean(row.off)).padStart(18)} ${fmt(mean(row.on)).padStart(18)} ${(mean(row.on) / mean(row.off)).toFixed(3).padStart(8)} ${paired.toFixed(3).padStart(14)} ${fmt(mean(row.share) * 100, 2).padStart(15)} ${fmt(mean(row.held) * 100, 2).padStart(17)} ${fmt(Math.max(...row.lag), 1).padStart(11)}  ${ok ? "PASS" : "FAIL"} (mediana ≥ 0,95)`,
    );
  }
  console.log(
    `\n${SECONDS} s por celda, ${ROUNDS} rondas, sin→con y con→sin por turnos, el registro al día antes de cada celda con registro; "con/sin": medias de las rondas; "mediana ronda": la mediana de la razón con/sin de cada ronda; "secuenciador %": la parte del tiempo de la celda que duraron los turnos del secuenciador del servidor (en SQLite incluye esperar al escritor); "en transacción %": la parte que pasó dentro de sus transacciones (en SQLite, lo que los escritores de la aplicación esperaron por él); el secuenciador en el servidor cada 3 s (SCOP_LOG_INTERVAL_MS).`,
  );
  process.exitCode = failed ? 1 : 0;
}

async function large() {
  const url = args["database-url"];
  if (!url) throw new Error("Indique --database-url de una base llenada con `npm run seed:large`.");
  await migrate(url, root);
  const db = createDatabase(url);
  try {
    if (args["reset-log"]) {
      for (const table of ["log_leaves", "log_tiles", "log_checkpoints", "log_state"]) await db.sql.run(sql`DELETE FROM ${sql.raw(table)}`);
      console.log("Registro vaciado.");
    }
    const before = await counts(db);
    console.log(`${fmt(before.rows)} filas por registrar (movimientos y cambios de los registros de agentes y de cisternas); ya en el registro: ${fmt(before.leaves)}.`);

    // CPU seconds of this process too (SQLite runs in it): on a busy machine the wall clock says little
    const cpu = () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    };
    let started = performance.now();
    let cpuStarted = cpu();
    const result = await sequence(db, signer, { batchSize: 20_000, parallel: true });
    const sequencing = (performance.now() - started) / 1000;
    const sequencingCpu = cpu() - cpuStarted;
    console.log(
      `Secuenciar: ${fmt(result.added)} hojas en ${fmt(sequencing, 1)} s, CPU ${fmt(sequencingCpu, 1)} s (${fmt(result.added / sequencing)} hojas/s); árbol de ${fmt(result.treeSize)}.`,
    );

    started = performance.now();
    cpuStarted = cpu();
    const report = await verifyDatabase(db, [signer.verifierKey], { parallel: true });
    const verifying = (performance.now() - started) / 1000;
    const verifyingCpu = cpu() - cpuStarted;
    console.log(
      `Verificar desde la base: ${fmt(report.leavesChecked)} hojas y ${report.checkpointsChecked} checkpoints en ${fmt(verifying, 1)} s, CPU ${fmt(verifyingCpu, 1)} s — ` +
        `${report.ok ? "íntegro" : report.problems.join(" ")}.`,
    );

    const size = (await latestCheckpoint(db.sql))!.treeSize;
    const random = new Prng(18);
    const times: number[] = [];
    for (let i = 0; i < Number(args.proofs); i++) {
      const index = Math.floor(random.next() * size);
      const t = performance.now();
      await inclusionProofAt(db.sql, index, size);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(
      `Prueba de inclusión en ${fmt(size)} hojas (${times.length} al azar, leyendo teselas de la base): p50 ${fmt(percentile(times, 50), 2)} ms, ` +
        `p95 ${fmt(percentile(times, 95), 2)} ms, máx ${fmt(times[times.length - 1], 2)} ms.`,
    );
    const scale = 3_200_000 / Math.max(1, result.added || report.leavesChecked);
    console.log(`\nMetas (3,2 millones de hojas): secuenciar < 60 s, verificar < 60 s, p95 de una prueba < 20 ms.`);
    if (scale > 1.5) {
      console.log(
        `Extrapolado linealmente a 3,2 millones: secuenciar ~${fmt(sequencing * scale)} s (CPU ~${fmt(sequencingCpu * scale)} s), ` +
          `verificar ~${fmt(verifying * scale)} s (CPU ~${fmt(verifyingCpu * scale)} s).`,
      );
    }
  } finally {
    await db.close();
  }
}

if (mode === "lifecycle") await lifecycle();
else if (mode === "large") await large();
else {
  console.error("Uso: npm run bench:log -- lifecycle [opciones] | large --database-url URL [--proofs N] [--reset-log]");
  process.exitCode = 2;
}
