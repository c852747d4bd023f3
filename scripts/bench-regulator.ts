/**
 * `npm run bench:regulator -- [--database-url URL] [--port 3113] [--samples 3] [--cursors 2]
 *   [--extra-page PATH]... [--skip-pages] [--skip-exports] [--skip-excel]`
 *
 * Measures the regulator's console over HTTP against the production server (`next start`) on a
 * large database (`npm run seed:large -- --orders 1000000`): the first page of "Movimientos" for
 * every filter combination the screen offers and next pages from cursors deep in the result
 * (target p95 < 150 ms), the CSV export of every order (≥ 50,000 rows/s, server RSS < 300 MB) and
 * the Excel export (reported), the "Cumplimiento" report of last month (< 2 s) and the "Tablero" of the
 * last 30 days (reported). Extra pages given with --extra-page are timed like the others. Each
 * export runs on a server started for it, and its figures are the server's RSS just before and
 * its peak during the export, and the server's CPU time.
 *
 * It signs in through the real sign-in (password and second factor) as a bench regulator that it
 * creates in that database when missing. Requests go one at a time, so each time is one request's
 * latency; percentiles are exact (nearest rank over the sorted samples: a few thousand at most).
 */
import { parseArgs } from "node:util";
import { generate } from "otplib";
import { assertBuilt, startAppServer, type AppServer } from "@/harness/app-server";
import { stats } from "./bench/measure";
import { resetPeaks, threadsCpu, treeCpuSeconds, treeHwmMb, treeRssMb } from "@/harness/process-stats";
import { hashPassword } from "@/lib/accounts/password";
import { Prng } from "@/lib/prng";
import { databaseUrl } from "@/lib/config";
import { createDatabase, type Database } from "@/lib/db/database";
import { ORDER_STATES } from "@/lib/orders/states";
import { AGENT_TYPES } from "@/lib/registry/agent-types";
import { encodeCursor } from "@/lib/regulator/order-search";
import { limaDay } from "@/lib/time";
import { logSigner } from "@/lib/log/keys";
import { sequence } from "@/lib/log/sequencer";

const USAGE =
  "Uso: npm run bench:regulator -- [--database-url URL] [--port 3113] [--samples 3] [--cursors 2] [--extra-page RUTA]... [--skip-pages] [--skip-exports] [--skip-excel]";

const BENCH_USERNAME = "bench.regulador";
const BENCH_PASSWORD = "Bench-Regulador-2026";
/** The bench regulator's second factor: public by design, it exists only in bench databases. */
const BENCH_TOTP_SECRET = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4TT";

const PAGE_TARGET_MS = 150;
const CSV_ROWS_PER_SECOND_TARGET = 50_000;
const RSS_TARGET_MB = 300;
const COMPLIANCE_TARGET_MS = 2_000;

let values;
try {
  ({ values } = parseArgs({
    options: {
      "database-url": { type: "string" },
      port: { type: "string", default: "3113" },
      samples: { type: "string", default: "3" },
      cursors: { type: "string", default: "2" },
      "extra-page": { type: "string", multiple: true, default: [] },
      "skip-exports": { type: "boolean", default: false },
      "skip-excel": { type: "boolean", default: false },
      "skip-pages": { type: "boolean", default: false },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const url = values["database-url"] ?? databaseUrl();
const port = Number(values.port);
const samples = Number(values.samples);
const cursorsPerCombination = Number(values.cursors);
const base = `http://127.0.0.1:${port}`;

// ---------------------------------------------------------------------------------------------
// Preconditions and the bench regulator

try {
  assertBuilt();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

const db = createDatabase(url);
const orderCount = await db.prisma.order.count();
if (orderCount === 0) {
  console.error(`La base de datos no tiene órdenes. Llénela primero:\n  npm run seed:large -- --orders 1000000 --database-url ${url}`);
  await db.close();
  process.exit(2);
}

// A seeded database has every movement but no log yet; a production server's log is current. The
// server's sequencer timer would otherwise catch up millions of leaves while the pages are timed.
{
  const started = performance.now();
  const caughtUp = await sequence(db, logSigner(), { batchSize: 20_000, parallel: true });
  if (caughtUp.added > 0) {
    console.log(`Registro de movimientos puesto al día antes de medir: ${caughtUp.added.toLocaleString("es-PE")} hojas en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
}

async function ensureBenchRegulator(db: Database): Promise<void> {
  const regulator = await db.prisma.agent.findFirst({ where: { type: "OSINERGMIN" }, select: { id: true } });
  if (!regulator) throw new Error("La base de datos no tiene el agente OSINERGMIN: ¿fue llenada con seed:large?");
  const account = {
    fullName: "Regulador de pruebas de rendimiento",
    passwordHash: await hashPassword(BENCH_PASSWORD),
    role: "REGULADOR",
    agentId: regulator.id,
    active: true,
    mustChangePassword: false,
    totpSecret: BENCH_TOTP_SECRET,
    totpEnabledAt: new Date(),
  };
  await db.prisma.user.upsert({ where: { username: BENCH_USERNAME }, create: { username: BENCH_USERNAME, ...account }, update: account });
}
await ensureBenchRegulator(db);

// ---------------------------------------------------------------------------------------------
// Values to filter by, drawn from the database itself

// seeded, so two runs ask for the same things
const prng = new Prng(20261126);
const pick = <T>(items: readonly T[]): T => prng.pick(items);

const agents = await db.prisma.agent.findMany({
  where: { type: { not: "OSINERGMIN" } },
  select: { type: true, businessName: true, ruc: true, registryNumber: true, department: true, province: true, district: true },
});
const plates = (await db.prisma.truck.findMany({ select: { plate: true } })).map((truck) => truck.plate);
const bounds = await db.prisma.order.aggregate({ _min: { requestedAt: true, id: true }, _max: { requestedAt: true, id: true } });
const firstDay = bounds._min.requestedAt!.getTime();
const lastDay = bounds._max.requestedAt!.getTime();

async function randomOrder() {
  const id = prng.int(bounds._min.id!, bounds._max.id!);
  return db.prisma.order.findFirst({ where: { id: { gte: id } }, orderBy: { id: "asc" }, select: { id: true, code: true, requestedAt: true } });
}

/** A word of a business name long enough to mean something ("Vilcanota", not "S.A.C."). */
function nameWord(name: string): string {
  const words = name.split(/\s+/).filter((word) => /^[\p{L}]{5,}$/u.test(word));
  return words.length > 0 ? pick(words) : name;
}

// ---------------------------------------------------------------------------------------------
// Every filter combination of the screen

type Dimension = { label: string; options: { label: string; params: () => Promise<Record<string, string>> | Record<string, string> }[] };

const none = { label: "", params: () => ({}) };

const DIMENSIONS: Dimension[] = [
  {
    label: "fechas",
    options: [
      none,
      {
        label: "rango de fechas",
        params: () => {
          const from = firstDay + prng.next() * (lastDay - firstDay);
          const to = Math.min(lastDay, from + prng.int(1, 31) * 86_400_000);
          return { from: limaDay(new Date(from)), to: limaDay(new Date(to)) };
        },
      },
    ],
  },
  {
    label: "ubicación",
    options: [
      none,
      { label: "departamento", params: () => ({ department: pick(agents).department }) },
      {
        label: "provincia",
        params: () => {
          const agent = pick(agents);
          return { department: agent.department, province: agent.province };
        },
      },
      {
        label: "distrito",
        params: () => {
          const agent = pick(agents);
          return { department: agent.department, province: agent.province, district: agent.district };
        },
      },
    ],
  },
  {
    label: "agente",
    options: [
      none,
      { label: "nombre", params: () => ({ agent: prng.chance(0.5) ? pick(agents).businessName : nameWord(pick(agents).businessName) }) },
      { label: "RUC", params: () => ({ agent: pick(agents).ruc }) },
      { label: "N° registro", params: () => ({ agent: pick(agents).registryNumber }) },
    ],
  },
  {
    label: "tipo",
    options: [none, { label: "tipo de agente", params: () => ({ agentType: pick(AGENT_TYPES.filter((type) => type !== "OSINERGMIN")) }) }],
  },
  { label: "estado", options: [none, { label: "estado", params: () => ({ state: pick(ORDER_STATES) }) }] },
  {
    label: "orden",
    options: [
      { label: "recientes", params: () => ({}) },
      { label: "antiguas", params: () => ({ sort: "antiguas" }) },
    ],
  },
];

interface Combination {
  label: string;
  params: () => Promise<Record<string, string>>;
}

function combinations(): Combination[] {
  let all: Combination[] = [{ label: "", params: async () => ({}) }];
  for (const dimension of DIMENSIONS) {
    all = all.flatMap((combination) =>
      dimension.options.map((option) => ({
        label: [combination.label, option.label].filter(Boolean).join(" + "),
        params: async () => ({ ...(await combination.params()), ...(await option.params()) }),
      })),
    );
  }
  // The code identifies one order: alone, and with every other filter (which it then narrows to one).
  const byCode = async () => ({ code: (await randomOrder())!.code });
  all.push({ label: "código", params: byCode });
  all.push({ label: "código + antiguas", params: async () => ({ ...(await byCode()), sort: "antiguas" }) });
  // A truck's plate (a few hundred lots a year): alone, and with the filters an inspector adds to it.
  if (plates.length) {
    const byPlate = () => ({ plate: pick(plates) });
    const dates = DIMENSIONS[0].options[1].params as () => Record<string, string>;
    all.push({ label: "placa", params: async () => byPlate() });
    all.push({ label: "placa + antiguas", params: async () => ({ ...byPlate(), sort: "antiguas" }) });
    all.push({ label: "placa + rango de fechas", params: async () => ({ ...byPlate(), ...dates() }) });
    all.push({ label: "placa + estado", params: async () => ({ ...byPlate(), state: pick(ORDER_STATES) }) });
    all.push({ label: "placa + tipo de agente", params: async () => ({ ...byPlate(), agentType: pick(AGENT_TYPES.filter((type) => type !== "OSINERGMIN")) }) });
  }
  return all;
}

// ---------------------------------------------------------------------------------------------
// The server, the session, the clock

let cookie = "";

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]);
}

const totpStep = () => Math.floor(Date.now() / 30_000);

/**
 * The real sign-in of next-auth's credentials provider: CSRF token, password and TOTP code. The
 * portal refuses a code that was used once already, and each export signs in again on a fresh
 * server (another run may have signed in a moment ago too): refused, it waits for the next code.
 */
async function signIn(): Promise<void> {
  let session: string | undefined;
  let status = 0;
  for (let attempt = 0; attempt < 3 && !session; attempt++) {
    if (attempt > 0) {
      const step = totpStep();
      while (totpStep() === step) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookies = cookiesOf(csrf).join("; ");
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookies },
      body: new URLSearchParams({ csrfToken, username: BENCH_USERNAME, password: BENCH_PASSWORD, otp: await generate({ secret: BENCH_TOTP_SECRET }), json: "true" }),
    });
    status = response.status;
    session = cookiesOf(response).find((entry) => entry.includes("session-token="));
  }
  if (!session) throw new Error(`No se pudo ingresar como ${BENCH_USERNAME} (HTTP ${status}).`);
  cookie = session;
  const check = await fetch(`${base}/regulador/movimientos`, { headers: { cookie }, redirect: "manual" });
  if (check.status !== 200) throw new Error(`Ingresé, pero /regulador/movimientos respondió ${check.status}.`);
  await check.arrayBuffer();
}

interface Timing {
  /** from sending the request to reading the last byte of the page */
  ms: number;
  /** CPU time the server's threads spent meanwhile: unlike `ms`, barely moved by other load */
  cpuMs: number;
}

/** CPU nanoseconds of the running server's threads (process-stats.ts threadsCpu). */
let serverCpuNs: () => number = () => 0;

async function timeGet(pathAndQuery: string): Promise<Timing> {
  const cpu = serverCpuNs();
  const started = performance.now();
  const response = await fetch(`${base}${pathAndQuery}`, { headers: { cookie }, redirect: "manual" });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  const cpuMs = (serverCpuNs() - cpu) / 1e6;
  if (response.status !== 200) throw new Error(`${pathAndQuery} respondió ${response.status}.`);
  return { ms, cpuMs };
}

interface ExportFigures {
  rows: number;
  bytes: number;
  seconds: number;
  /** CPU time of the server's processes during the export, every thread included (an export's worker thread ends with it) */
  cpuSeconds: number;
  /** Content-Encoding of the response: Next.js gzips text for clients that accept it, as browsers do */
  encoding: string;
  baselineMb: number;
  sampledPeakMb: number;
  kernelPeakMb: number;
}

async function measureExport(server: number, pathAndQuery: string, countRows: boolean): Promise<ExportFigures> {
  const baselineMb = treeRssMb(server);
  resetPeaks(server);
  let sampledPeakMb = baselineMb;
  const sampler = setInterval(() => {
    sampledPeakMb = Math.max(sampledPeakMb, treeRssMb(server));
  }, 50);
  const cpu = treeCpuSeconds(server);
  const started = performance.now();
  const response = await fetch(`${base}${pathAndQuery}`, { headers: { cookie } });
  if (!response.ok || !response.body) throw new Error(`${pathAndQuery} respondió ${response.status}.`);
  let bytes = 0;
  let newlines = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const chunk = read.value;
    bytes += chunk.length;
    if (countRows) for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) newlines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = treeCpuSeconds(server) - cpu;
  clearInterval(sampler);
  sampledPeakMb = Math.max(sampledPeakMb, treeRssMb(server));
  // CSV: the lines after the header; Excel is compressed, so its rows are the server's X-Total-Count.
  const rows = countRows ? newlines - 1 : Number(response.headers.get("x-total-count"));
  const encoding = response.headers.get("content-encoding") ?? "ninguna";
  return { rows, bytes, seconds, cpuSeconds, encoding, baselineMb, sampledPeakMb, kernelPeakMb: treeHwmMb(server) };
}

// ---------------------------------------------------------------------------------------------
// Reporting

const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
const verdict = (pass: boolean) => (pass ? "PASS" : "FAIL");

function statsLine(label: string, timings: Timing[], width: number): string {
  const s = stats(timings.map((timing) => timing.ms));
  const cpu = stats(timings.map((timing) => timing.cpuMs));
  return `${label.padEnd(width)} ${String(s.n).padStart(4)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.max)} ${ms(cpu.p95)}`;
}

// ---------------------------------------------------------------------------------------------
// The run

console.log(`Base de datos: ${url} (${orderCount.toLocaleString("es-PE")} órdenes)`);
console.log(`Servidor: next start en ${base}; muestras por combinación: ${samples} primeras páginas y ${cursorsPerCombination} páginas desde un cursor.\n`);

let server: AppServer | null = null;
// A server left running when the script ends early: its whole process group goes with it.
process.on("exit", () => {
  try {
    if (server) process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
});
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

/** Stops the running server (if any), then starts one and signs in: returns its pid. */
async function freshServer(): Promise<number> {
  await server?.stop();
  server = null;
  server = await startAppServer({ port, databaseUrl: url, cpuProfileDir: process.env.BENCH_CPU_PROF });
  await signIn();
  serverCpuNs = threadsCpu(server.pid);
  return server.pid;
}

let failures = 0;
try {
  let serverPid = await freshServer();

  // Warm the server up (compiled routes, prepared statements, page cache) before timing.
  for (let i = 0; i < 5; i++) await timeGet("/regulador/movimientos");

  const all = values["skip-pages"] ? [] : combinations();
  const firstPages = new Map<string, Timing[]>();
  const nextPages = new Map<string, Timing[]>();
  for (const combination of all) {
    const first: Timing[] = [];
    const next: Timing[] = [];
    for (let i = 0; i < samples; i++) first.push(await timeGet(`/regulador/movimientos?${new URLSearchParams(await combination.params())}`));
    for (let i = 0; i < cursorsPerCombination; i++) {
      const order = (await randomOrder())!;
      const params = new URLSearchParams(await combination.params());
      params.set("cursor", encodeCursor(order));
      next.push(await timeGet(`/regulador/movimientos?${params}`));
    }
    firstPages.set(combination.label, first);
    nextPages.set(combination.label, next);
  }

  const width = Math.max(...all.map((combination) => combination.label.length), 24);
  const header = `${"Combinación".padEnd(width)} ${"n".padStart(4)} ${"p50".padStart(10)} ${"p95".padStart(10)} ${"máx".padStart(10)} ${"CPU p95".padStart(10)}`;
  if (all.length > 0) {
    console.log("Movimientos: primera página por combinación de filtros");
    console.log(header);
    for (const combination of all) console.log(statsLine(combination.label, firstPages.get(combination.label)!, width));
    console.log("\nMovimientos: página siguiente desde un cursor al azar, por combinación");
    console.log(header);
    for (const combination of all) console.log(statsLine(combination.label, nextPages.get(combination.label)!, width));
  }

  const everyFirst = [...firstPages.values()].flat();
  const everyNext = [...nextPages.values()].flat();
  const slowest = (pages: Map<string, Timing[]>) =>
    [...pages]
      .map(([label, timings]) => ({ label, p95: stats(timings.map((timing) => timing.ms)).p95 }))
      .sort((a, b) => b.p95 - a.p95)
      .slice(0, 5);

  // The reports of a period: Cumplimiento for last calendar month (target < 2 s) and the Tablero
  // for the last 30 days (timed, no target), plus any page given with --extra-page.
  const today = limaDay(new Date());
  const [year, month] = today.split("-").map(Number);
  const lastMonth = new Date(Date.UTC(year, month - 2, 1));
  const monthFrom = lastMonth.toISOString().slice(0, 10);
  const monthTo = new Date(Date.UTC(year, month - 1, 0)).toISOString().slice(0, 10);
  const compliancePage = `/regulador/cumplimiento?from=${monthFrom}&to=${monthTo}`;
  const reports = new Map<string, Timing[]>();
  for (const page of [compliancePage, "/regulador/tablero", ...values["extra-page"]]) {
    const times: Timing[] = [];
    for (let i = 0; i < Math.max(5, samples); i++) times.push(await timeGet(page));
    reports.set(page, times);
  }

  const exportLines = (label: string, figures: ExportFigures, targets: boolean): string[] => {
    const rate = figures.rows / figures.seconds;
    const peak = Math.max(figures.sampledPeakMb, figures.kernelPeakMb);
    if (targets && (rate < CSV_ROWS_PER_SECOND_TARGET || peak >= RSS_TARGET_MB)) failures++;
    return [
      `${label}: ${figures.rows.toLocaleString("es-PE")} filas, ${(figures.bytes / 1_048_576).toFixed(1)} MB (compresión HTTP: ${figures.encoding}) en ${figures.seconds.toFixed(1)} s = ` +
        `${Math.round(rate).toLocaleString("es-PE")} filas/s` +
        (targets ? ` (meta ≥ ${CSV_ROWS_PER_SECOND_TARGET.toLocaleString("es-PE")}: ${verdict(rate >= CSV_ROWS_PER_SECOND_TARGET)})` : "") +
        `; CPU del servidor ${figures.cpuSeconds.toFixed(1)} s (${Math.round(figures.rows / figures.cpuSeconds).toLocaleString("es-PE")} filas por segundo de CPU)`,
      `  RSS del servidor: antes de exportar ${figures.baselineMb.toFixed(0)} MB, pico durante la exportación: muestreado ${figures.sampledPeakMb.toFixed(0)} MB, ` +
        `pico del kernel (VmHWM) ${figures.kernelPeakMb.toFixed(0)} MB; la exportación sumó ${(peak - figures.baselineMb).toFixed(0)} MB` +
        (targets ? ` (meta < ${RSS_TARGET_MB} MB: ${verdict(peak < RSS_TARGET_MB)})` : ""),
    ];
  };
  // Each export is printed as soon as it is measured (the Excel one is long), and again in the summary.
  const exports: string[] = [];
  if (!values["skip-exports"]) {
    // Each export on a server started for it: after hundreds of page requests the server holds
    // garbage V8 has not collected yet, which would be counted against the export.
    exports.push("Exportaciones: cada una en un servidor recién iniciado (ingreso y nada más antes de exportar).");
    console.log(exports[0]);
    for (const [label, path, countRows, targets] of [
      ["Exportar CSV", "/regulador/movimientos/exportar", true, true],
      ["Exportar Excel", "/regulador/movimientos/exportar/excel", false, false],
    ] as const) {
      if (label === "Exportar Excel" && values["skip-excel"]) continue;
      serverPid = await freshServer();
      const lines = exportLines(label, await measureExport(serverPid, path, countRows), targets);
      console.log(lines.join("\n"));
      exports.push(...lines);
    }
  }

  console.log("\n================ Resumen ================");
  console.log(
    `${"Medida".padEnd(46)} ${"n".padStart(5)} ${"p50".padStart(10)} ${"p95".padStart(10)} ${"máx".padStart(10)} ${"CPU p50".padStart(10)} ${"CPU p95".padStart(10)}  Meta`,
  );
  const pageRow = (label: string, timings: Timing[], target: boolean) => {
    const s = stats(timings.map((timing) => timing.ms));
    const cpu = stats(timings.map((timing) => timing.cpuMs));
    const pass = s.p95 < PAGE_TARGET_MS;
    if (target && !pass) failures++;
    console.log(
      `${label.slice(0, 46).padEnd(46)} ${String(s.n).padStart(5)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.max)} ${ms(cpu.p50)} ${ms(cpu.p95)}  ` +
        (target ? `p95 < ${PAGE_TARGET_MS} ms: ${verdict(pass)}` : "(sin meta aquí)"),
    );
  };
  if (all.length > 0) {
    pageRow(`Primera página (${all.length} combinaciones)`, everyFirst, true);
    pageRow("Página siguiente desde cursor", everyNext, true);
  }
  for (const [page, timings] of reports) {
    if (page !== compliancePage) {
      pageRow(page, timings, false);
      continue;
    }
    const s = stats(timings.map((timing) => timing.ms));
    const pass = s.max < COMPLIANCE_TARGET_MS;
    if (!pass) failures++;
    console.log(
      `${`Cumplimiento ${monthFrom} a ${monthTo}`.padEnd(46)} ${String(s.n).padStart(5)} ${ms(s.p50)} ${ms(s.p95)} ${ms(s.max)}` +
        `${" ".repeat(22)}  máx < ${COMPLIANCE_TARGET_MS} ms: ${verdict(pass)}`,
    );
  }
  if (all.length > 0) {
    const list = (pages: Map<string, Timing[]>) => slowest(pages).map((c) => `${c.label || "sin filtros"} ${c.p95.toFixed(0)} ms`).join("; ");
    console.log(`Combinaciones más lentas (p95, primera página): ${list(firstPages)}`);
    console.log(`Combinaciones más lentas (p95, desde cursor): ${list(nextPages)}`);
  }

  for (const line of exports) console.log(line);
  console.log(failures === 0 ? "\nTodas las metas se cumplen." : `\n${failures} meta(s) no se cumplen.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  failures++;
} finally {
  // (assigned inside freshServer, which the compiler does not follow)
  await (server as AppServer | null)?.stop();
  server = null;
  await db.close();
}
process.exit(failures === 0 ? 0 : 1);
