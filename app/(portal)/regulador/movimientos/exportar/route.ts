import { currentUser } from "@/lib/auth/session";
import { orderFilterSchema } from "@/lib/regulator/order-filter";
import { countOrders, ordersCsvStream } from "@/lib/regulator/csv-export";
import { readDatabase } from "@/lib/server/context";
import { limaDay } from "@/lib/time";

export const dynamic = "force-dynamic";

/** GET: the filtered orders as CSV, streamed; the total goes in X-Total-Count for the progress bar. */
export async function GET(request: Request) {
  const user = await currentUser();
  if (!user) return new Response("Su sesión terminó. Ingrese nuevamente.", { status: 401 });
  if (user.role !== "REGULADOR" && user.role !== "ADMINISTRADOR") return new Response("No autorizado.", { status: 403 });
  const parsed = orderFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("Revise los filtros.", { status: 400 });
  const total = await countOrders(readDatabase(), parsed.data);
  return new Response(ordersCsvStream(readDatabase(), parsed.data), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="movimientos-scop-${limaDay(new Date())}.csv"`,
      "x-total-count": String(total),
      "cache-control": "no-store",
    },
  });
}
