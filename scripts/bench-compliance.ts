/**
 * Times the "Cumplimiento" report for one month, as the page computes it (the per-agent report
 * plus the first page of late orders), a few times on a given database.
 *
 *   npm run bench:compliance -- [--database-url URL] [--runs 5] [--month YYYY-MM]
 *
 * In process, without a server (bench:regulator times the same page over HTTP). The month
 * defaults to the last complete calendar month (Lima), the one `seed:large` fills fully.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { databaseUrl } from "@/lib/config";
import { createDatabase } from "@/lib/db/database";
import { sql } from "@/lib/db/sql";
import { lateOrdersPage } from "@/lib/regulator/compliance/late-orders";
import { complianceParamsSchema } from "@/lib/regulator/compliance/parameters";
import { complianceReport } from "@/lib/regulator/compliance/report";
import { limaDay } from "@/lib/time";
import { stats } from "./bench/measure";

export interface ComplianceBenchResult {
  month: string;
  runs: number[];
  medianMs: number;
  maxMs: number;
  /** what the report found, to show it did real work */
  lateOrders: number;
  agents: number;
}

function previousMonth(today: string): string {
  const [year, month] = today.split("-").map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

function lastDayOf(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

export async function benchCompliance(url: string, options: { runs?: number; month?: string } = {}): Promise<ComplianceBenchResult> {
  const now = new Date();
  const month = options.month ?? previousMonth(limaDay(now));
  const params = complianceParamsSchema(limaDay(now)).parse({ from: `${month}-01`, to: lastDayOf(month) });
  const db = createDatabase(url);
  const runs: number[] = [];
  let lateOrders = 0;
  let agents = 0;
  try {
    // Open the connection (and load Prisma's query compiler) before timing: the figure is the report's.
    await db.sql.all(sql`SELECT 1 AS one`);
    await db.prisma.order.findFirst({ select: { id: true } });
    for (let i = 0; i < (options.runs ?? 5); i++) {
      const started = performance.now();
      // as the page reads it: the report in one snapshot, then the first page of its list
      const report = await complianceReport(db, params, now);
      await db.transaction((tx) => lateOrdersPage(tx, params, now, "cerradas", 1, 50));
      runs.push(performance.now() - started);
      lateOrders = report.summary.lateClosed + report.summary.stillOpen + report.summary.unattended;
      agents = report.summary.buyers + report.summary.sellers;
    }
  } finally {
    await db.close();
  }
  const { median, max } = stats(runs);
  return { month, runs, medianMs: median, maxMs: max, lateOrders, agents };
}

export function formatComplianceBench(result: ComplianceBenchResult): string {
  return (
    `Cumplimiento, mes ${result.month} (${result.lateOrders.toLocaleString("es-PE")} órdenes con incumplimiento, ${result.agents} agentes): ` +
    `mediana ${result.medianMs.toFixed(0)} ms, máximo ${result.maxMs.toFixed(0)} ms en ${result.runs.length} ejecuciones (meta: < 2000 ms).`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { "database-url": { type: "string" }, runs: { type: "string", default: "5" }, month: { type: "string" } } });
  const result = await benchCompliance(values["database-url"] ?? databaseUrl(), { runs: Number(values.runs), month: values.month });
  console.log(formatComplianceBench(result));
  process.exitCode = result.maxMs < 2000 ? 0 : 1;
}
