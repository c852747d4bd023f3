import { complianceWorkbook } from "@/lib/regulator/compliance/export";
import { complianceReport } from "@/lib/regulator/compliance/report";
import { database } from "@/lib/next/context";
import { authorizeExport } from "../authorize";

export const dynamic = "force-dynamic";

/** GET ?<parameters>: the whole report (parameters, buyers, sellers, orders) as an .xlsx workbook. */
export async function GET(request: Request) {
  const now = new Date();
  const params = await authorizeExport(request, now);
  if (params instanceof Response) return params;
  const report = await complianceReport(database(), params, now);
  const body = await complianceWorkbook(database(), report);
  return new Response(new Uint8Array(body), {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="cumplimiento-${params.from}-${params.to}.xlsx"`,
      "cache-control": "no-store",
    },
  });
}
