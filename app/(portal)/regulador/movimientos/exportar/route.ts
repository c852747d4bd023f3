import { countOrders } from "@/lib/regulator/export-batches";
import { exportFilter, exportHeaders } from "@/lib/regulator/export-request";
import { ordersCsvStream } from "@/lib/regulator/csv-export";
import { database } from "@/lib/server/context";

export const dynamic = "force-dynamic";

/** GET: the filtered orders as CSV, streamed; the total goes in X-Total-Count for the progress bar. */
export async function GET(request: Request) {
  const filter = await exportFilter(request);
  if (filter instanceof Response) return filter;
  const total = await countOrders(database(), filter);
  return new Response(ordersCsvStream(database(), filter), { headers: exportHeaders("text/csv; charset=utf-8", "csv", total) });
}
