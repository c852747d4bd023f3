/**
 * What both export routes of "Movimientos" check before streaming: a signed-in regulator or
 * administrator, and a valid filter. Answers the refusal as a plain-text Spanish message.
 */
import "server-only";
import { currentUser } from "./session";
import { limaDay } from "@/lib/time";
import { orderFilterSchema, type OrderFilter } from "@/lib/regulator/order-filter";

export async function exportFilter(request: Request): Promise<OrderFilter | Response> {
  const user = await currentUser();
  if (!user) return new Response("Su sesión terminó. Ingrese nuevamente.", { status: 401 });
  if (user.role !== "REGULADOR" && user.role !== "ADMINISTRADOR") return new Response("No autorizado.", { status: 403 });
  const parsed = orderFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("Revise los filtros.", { status: 400 });
  return parsed.data;
}

export function exportHeaders(contentType: string, extension: string, total: number): HeadersInit {
  return {
    "content-type": contentType,
    "content-disposition": `attachment; filename="movimientos-scop-${limaDay(new Date())}.${extension}"`,
    "x-total-count": String(total),
    "cache-control": "no-store",
  };
}
