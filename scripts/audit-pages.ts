/**
 * `npm run audit:pages`: Lighthouse 12.2.3 (mobile, default simulated throttling) on the screens a
 * phone user opens most, against the production build (`npm run build` first). The script seeds a
 * throw-away SQLite database with the demo data, starts `npm start`'s server on it, signs each role
 * in over HTTP (next-auth's credentials endpoint) and hands Lighthouse the session cookie. Each page
 * is measured AUDIT_RUNS times (default 3); the table gives the median of each column.
 *
 * Environment: AUDIT_PORT (server, default 3090), AUDIT_RUNS, AUDIT_PAGES (comma-separated names
 * to measure only some), CHROME_PATH (default /usr/bin/chromium), AUDIT_JSON (a file to write
 * every run's figures to), AUDIT_REPORTS (a folder to write each run's whole Lighthouse report to,
 * for its treemap, unused-JavaScript and bootup-time items, and its trace beside it).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { generate } from "otplib";
import { migrate } from "@/lib/db/migrate";
import { DEMO_TOTP_SECRET } from "@/lib/seed/demo-agents";
import { seedDemo } from "@/lib/seed/demo";
import { assertBuilt, startAppServer } from "@/harness/app-server";
import { cliContext } from "./cli-context";

const root = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.AUDIT_PORT ?? 3090);
const RUNS = Number(process.env.AUDIT_RUNS ?? 3);
const CHROME_PATH = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const REPORTS = process.env.AUDIT_REPORTS ? path.resolve(process.env.AUDIT_REPORTS) : null;
const DEMO_PASSWORD = "Scop-Demo-2026";
/** Headless Chromium as root in a container: no sandbox, no GPU, no small /dev/shm. */
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"];

/** The goals of issue 16, checked on every row. */
const GOALS = { performance: 95, accessibility: 100, bestPractices: 100, lcpMs: 1800, tbtMs: 200, jsKiB: 150 };

interface Codes {
  closure: string;
  sale: string;
  dispatch: string;
  verification: string;
}

interface PageSpec {
  name: string;
  user: string | null;
  path: (codes: Codes) => string;
}

const PAGES: PageSpec[] = [
  { name: "Ingresar", user: null, path: () => "/ingresar" },
  { name: "Inicio (comprador)", user: "comprador", path: () => "/" },
  { name: "Generación", user: "comprador", path: () => "/compras/generar" },
  { name: "Cierre", user: "comprador", path: (codes) => `/compras/cierre/${codes.closure}` },
  { name: "Venta (vendedor)", user: "vendedor", path: (codes) => `/ventas/${codes.sale}` },
  { name: "Despacho (operador)", user: "operador", path: (codes) => `/despachos/${codes.dispatch}` },
  { name: "Verificación", user: "regulador", path: (codes) => `/verificacion?code=${codes.verification}` },
  { name: "Movimientos", user: "regulador", path: () => "/regulador/movimientos" },
];

interface Figures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  jsKiB: number;
}

/** A seeded demo database of its own, and one order of each state the screens need. */
async function prepareDatabase(): Promise<{ url: string; codes: Codes }> {
  const dir = path.join(root, "data");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "audit-pages.db");
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  const url = `file:${file}`;
  await migrate(url, root);
  const ctx = cliContext(url);
  try {
    await seedDemo(ctx);
    const agentOf = async (username: string) => (await ctx.db.prisma.user.findUniqueOrThrow({ where: { username } })).agentId;
    const codeOf = async (where: Record<string, unknown>, what: string) => {
      const order = await ctx.db.prisma.order.findFirst({ where, orderBy: { requestedAt: "desc" }, select: { code: true } });
      if (!order) throw new Error(`Los datos de demostración no tienen ${what}.`);
      return order.code;
    };
    const codes: Codes = {
      closure: await codeOf({ buyerId: await agentOf("comprador"), state: "POR_CERRAR" }, "una orden POR CERRAR del comprador"),
      sale: await codeOf({ sellerId: await agentOf("vendedor"), state: "SOLICITADO" }, "una orden SOLICITADO del vendedor"),
      dispatch: await codeOf({ plantId: await agentOf("operador"), state: "VENDIDO", flow: "B" }, "una orden VENDIDO de la planta del operador"),
      verification: await codeOf({ state: "CERRADO" }, "una orden CERRADO"),
    };
    return { url, codes };
  } finally {
    await ctx.db.close();
  }
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
}

/** The last 30-second step whose second-factor code each user spent: a code is accepted once (RFC 6238 §5.2). */
const spentStep = new Map<string, number>();

/** A second-factor code not yet spent by `username`, waiting for the next step if need be. */
async function freshOtp(username: string): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  if (spentStep.get(username) === step) {
    await new Promise((resolve) => setTimeout(resolve, (step + 1) * 30_000 - Date.now() + 200));
    step = Math.floor(Date.now() / 30_000);
  }
  spentStep.set(username, step);
  return generate({ secret: DEMO_TOTP_SECRET, epoch: step * 30 });
}

/** Signs `username` in through next-auth's credentials endpoint; returns the Cookie header. */
async function signIn(baseUrl: string, username: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const body = new URLSearchParams({
    csrfToken,
    username,
    password: DEMO_PASSWORD,
    otp: username === "regulador" || username === "admin" ? await freshOtp(username) : "",
    json: "true",
  });
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body,
    redirect: "manual",
  });
  const session = cookiesOf(response).find((cookie) => cookie.includes("session-token="));
  if (!session) throw new Error(`No se pudo ingresar como ${username} (HTTP ${response.status}).`);
  return session;
}

/** A file name for a page's report: "Venta (vendedor)" → "venta-vendedor". */
function slug(name: string): string {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** A run whose trace Lighthouse could not record (not a finding about the page). */
class LighthouseRunError extends Error {}

async function measure(url: string, port: number, cookie: string | null, reportFile: string | null): Promise<Figures> {
  const result = await lighthouse(url, {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance", "accessibility", "best-practices"],
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
  });
  if (!result) throw new Error(`Lighthouse no devolvió resultados para ${url}.`);
  const lhr = result.lhr;
  if (reportFile) {
    writeFileSync(reportFile, JSON.stringify(lhr));
    // The trace too, for DevTools' Performance panel: which work the long tasks hold.
    const trace = (result.artifacts as { Trace?: unknown }).Trace;
    if (trace) writeFileSync(reportFile.replace(/\.json$/, ".trace.json"), JSON.stringify(trace));
  }
  if (lhr.runtimeError) throw new LighthouseRunError(`Lighthouse falló en ${url}: ${lhr.runtimeError.message}`);
  const finalUrl = new URL(lhr.finalDisplayedUrl);
  const asked = new URL(url);
  if (finalUrl.pathname !== asked.pathname) throw new Error(`${url} redirigió a ${lhr.finalDisplayedUrl}: revise el ingreso del usuario.`);
  const summary = lhr.audits["resource-summary"]?.details as { items?: { resourceType: string; transferSize: number }[] } | undefined;
  const script = summary?.items?.find((item) => item.resourceType === "script");
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    bestPractices: score("best-practices"),
    lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue ?? NaN,
    tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? NaN,
    jsKiB: (script?.transferSize ?? 0) / 1024,
  };
}

/**
 * Lighthouse sometimes loses a run's trace on a busy machine (NO_NAVSTART, NO_FCP): such a run
 * is taken once more instead of ending the whole audit. A page that fails twice still fails.
 */
async function measureWithRetry(url: string, port: number, cookie: string | null, reportFile: string | null): Promise<Figures> {
  try {
    return await measure(url, port, cookie, reportFile);
  } catch (error) {
    if (!(error instanceof LighthouseRunError)) throw error;
    process.stderr.write(`${error.message} Se repite la ejecución.\n`);
    return measure(url, port, cookie, reportFile);
  }
}

function row(name: string, figures: Figures): string {
  const mark = (ok: boolean, text: string) => (ok ? text : `${text} ✗`);
  return [
    name,
    mark(figures.performance >= GOALS.performance, String(figures.performance)),
    mark(figures.accessibility >= GOALS.accessibility, String(figures.accessibility)),
    mark(figures.bestPractices >= GOALS.bestPractices, String(figures.bestPractices)),
    mark(figures.lcpMs < GOALS.lcpMs, `${(figures.lcpMs / 1000).toFixed(2)} s`),
    mark(figures.tbtMs < GOALS.tbtMs, `${Math.round(figures.tbtMs)} ms`),
    mark(figures.jsKiB < GOALS.jsKiB, `${figures.jsKiB.toFixed(1)}`),
  ].join(" | ");
}

assertBuilt();
if (REPORTS) mkdirSync(REPORTS, { recursive: true });
const only = process.env.AUDIT_PAGES?.split(",").map((name) => name.trim().toLowerCase());
const pages = only ? PAGES.filter((page) => only.some((name) => page.name.toLowerCase().includes(name))) : PAGES;
const { url: databaseUrl, codes } = await prepareDatabase();
const server = await startAppServer({ port: PORT, databaseUrl });
const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS });
const all: Record<string, Figures[]> = {};
const table: string[] = [];
try {
  for (const page of pages) {
    const url = `${server.url}${page.path(codes)}`;
    const runs: Figures[] = [];
    for (let run = 0; run < RUNS; run++) {
      // A fresh session each run: a run takes long enough for an idle session to matter.
      const cookie = page.user ? await signIn(server.url, page.user) : null;
      // Warm the route once, so the first run does not measure the server loading its code.
      if (run === 0) await fetch(url, { headers: cookie ? { cookie } : {} }).then((response) => response.arrayBuffer());
      const reportFile = REPORTS ? path.join(REPORTS, `${slug(page.name)}-${run + 1}.json`) : null;
      runs.push(await measureWithRetry(url, chrome.port, cookie, reportFile));
      process.stderr.write(`${page.name}: ejecución ${run + 1} de ${RUNS}\n`);
    }
    all[page.name] = runs;
    const medianOf = (key: keyof Figures) => median(runs.map((figures) => figures[key]));
    table.push(
      row(page.name, {
        performance: medianOf("performance"),
        accessibility: medianOf("accessibility"),
        bestPractices: medianOf("bestPractices"),
        lcpMs: medianOf("lcpMs"),
        tbtMs: medianOf("tbtMs"),
        jsKiB: medianOf("jsKiB"),
      }),
    );
  }
} finally {
  chrome.kill();
  await server.stop();
}

console.log(`\nLighthouse 12.2.3, móvil, limitación simulada por defecto; mediana de ${RUNS} ${RUNS === 1 ? "ejecución" : "ejecuciones"}.`);
console.log(`Metas: rendimiento ≥ ${GOALS.performance}, accesibilidad y buenas prácticas ${GOALS.accessibility}, LCP < ${GOALS.lcpMs / 1000} s, TBT < ${GOALS.tbtMs} ms, JS < ${GOALS.jsKiB} KiB (✗: no cumple).\n`);
console.log("| Página | Rendimiento | Accesibilidad | Buenas prácticas | LCP | TBT | JS (KiB) |");
console.log("|---|---|---|---|---|---|---|");
for (const line of table) console.log(`| ${line} |`);
if (process.env.AUDIT_JSON) writeFileSync(process.env.AUDIT_JSON, JSON.stringify(all, null, 2));
