/**
 * What both export routes of "Movimientos" read before streaming (the session and the role are
 * checked by routeHandler first): a valid filter, or the 400 to answer.
 */
import "server-only";
import { limaDay } from "@/lib/time";
import { orderFilterSchema, type OrderFilter } from "@/lib/regulator/order-filter";
import { textResponse } from "./route";

export function exportFilter(request: Request): OrderFilter | Response {
  const parsed = orderFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return textResponse(400, "Revise los filtros.");
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
