/**
 * A Movimientos export as the operator sees it: in progress, then completed, cancelled by the
 * client, or failed — counted in the metrics (scop_exports_*) and logged once with its rows, bytes
 * and duration. The line carries the id of the request that asked for it, bound here because the
 * body streams after the route has returned.
 */
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { currentRequest } from "@/lib/observability/request-context";

export type ExportFormat = "csv" | "xlsx";
type Outcome = "completed" | "cancelled" | "failed";

export function observedExport(format: ExportFormat, rows: number, source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const request = currentRequest();
  const logger = log("export").child(request ? { reqId: request.requestId, role: request.role, userId: request.userId } : {});
  const started = performance.now();
  const m = metrics();
  const reader = source.getReader();
  let bytes = 0;
  let settled = false;
  m.exportsInProgress.inc({ format });

  const finish = (outcome: Outcome, error?: unknown) => {
    if (settled) return;
    settled = true;
    const seconds = (performance.now() - started) / 1000;
    m.exportsInProgress.dec({ format });
    m.exports.inc({ format, outcome });
    m.exportBytes.inc({ format }, bytes);
    if (outcome === "completed") {
      m.exportRows.inc({ format }, rows);
      m.exportDuration.observe({ format }, seconds);
    }
    const line = { format, outcome, rows, bytes, ms: Math.round(seconds * 1000) };
    if (outcome === "failed") logger.error({ ...line, err: error }, "la exportación falló");
    else logger.info(line, outcome === "completed" ? "exportación terminada" : "exportación cancelada por el cliente");
  };

  // highWaterMark 0: read from the source only when the client asks, as the source itself does
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            finish("completed");
            return;
          }
          bytes += value.byteLength;
          controller.enqueue(value);
        } catch (error) {
          finish("failed", error);
          controller.error(error);
        }
      },
      async cancel(reason) {
        finish("cancelled");
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
