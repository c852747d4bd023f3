import { countOrders } from "@/lib/regulator/export-batches";
import { exportFilter, exportHeaders } from "@/lib/next/export-request";
import { exportStream } from "@/lib/regulator/export-stream";
import { observedExport } from "@/lib/regulator/observed-export";
import { readDatabase } from "@/lib/next/context";
import { routeHandler } from "@/lib/next/route";

export const dynamic = "force-dynamic";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** GET: the filtered orders as an Excel workbook, streamed; X-Total-Count gives the rows to expect. */
export const GET = routeHandler("/regulador/movimientos/exportar/excel", "GET", async ({ request }) => {
  const filter = exportFilter(request);
  if (filter instanceof Response) return filter;
  const total = await countOrders(readDatabase(), filter);
  return new Response(observedExport("xlsx", total, exportStream(readDatabase(), filter, "xlsx")), { headers: exportHeaders(XLSX, "xlsx", total) });
});
