import { countOrders } from "@/lib/regulator/export-batches";
import { exportFilter, exportHeaders } from "@/lib/next/export-request";
import { exportStream } from "@/lib/regulator/export-stream";
import { observedExport } from "@/lib/regulator/observed-export";
import { readDatabase } from "@/lib/next/context";
import { routeHandler } from "@/lib/next/route";

export const dynamic = "force-dynamic";

/** GET: the filtered orders as CSV, streamed; the total goes in X-Total-Count for the progress bar. */
export const GET = routeHandler("/regulador/movimientos/exportar", "GET", async ({ request }) => {
  const filter = exportFilter(request);
  if (filter instanceof Response) return filter;
  // the regulator's nationwide reads may go to a read replica (DATABASE_READ_URL)
  const db = readDatabase();
  const total = await countOrders(db, filter);
  return new Response(observedExport("csv", total, exportStream(db, filter, "csv")), { headers: exportHeaders("text/csv; charset=utf-8", "csv", total) });
});
