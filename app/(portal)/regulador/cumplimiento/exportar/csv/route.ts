import { CSV_TABLES, complianceCsv, type CsvTable } from "@/lib/regulator/compliance/export";
import { complianceReport } from "@/lib/regulator/compliance/report";
import { database } from "@/lib/next/context";
import { authorizeExport } from "../authorize";

export const dynamic = "force-dynamic";

/** GET ?tabla=compradores|vendedores|ordenes&<parameters>: one table of the report as CSV. */
export async function GET(request: Request) {
  const now = new Date();
  const params = await authorizeExport(request, now);
  if (params instanceof Response) return params;
  const table = new URL(request.url).searchParams.get("tabla") ?? "compradores";
  if (!CSV_TABLES.includes(table as CsvTable)) return new Response("Tabla no válida.", { status: 400 });
  const report = await complianceReport(database(), params, now);
  const body = await complianceCsv(database(), report, table as CsvTable);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="cumplimiento-${table}-${params.from}-${params.to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
