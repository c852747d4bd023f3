import { complianceWorkbook } from "@/lib/regulator/compliance/export";
import { complianceReport } from "@/lib/regulator/compliance/report";
import { database } from "@/lib/next/context";
import { routeHandler } from "@/lib/next/route";
import { exportParams } from "../authorize";

export const dynamic = "force-dynamic";

/** GET ?<parameters>: the whole report (parameters, buyers, sellers, orders) as an .xlsx workbook. */
export const GET = routeHandler("/regulador/cumplimiento/exportar/excel", "GET", async ({ request }) => {
  const now = new Date();
  const params = exportParams(request, now);
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
});
