import { outboxBacklog } from "@/lib/events/backlog";
import { database } from "@/lib/next/context";
import { exposition, observeOutbox } from "@/lib/observability/metrics";
import { MIN_METRICS_TOKEN_LENGTH, metricsAccess } from "@/lib/observability/metrics-token";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this instance, for a scraper with `Authorization: Bearer $SCOP_METRICS_TOKEN`. */
export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") {
    return new Response(`Métricas desactivadas: defina SCOP_METRICS_TOKEN (${MIN_METRICS_TOKEN_LENGTH} caracteres o más) en el entorno del servidor.`, {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  if (access === "denied") {
    return new Response("Envíe el token de métricas en la cabecera «Authorization: Bearer <token>».", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="scop-metrics"' },
    });
  }
  // the events' backlog is read from the database at each scrape
  observeOutbox(() => outboxBacklog(database()));
  const { body, contentType } = await exposition();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
