/**
 * The CSV export's worker thread: reads the filtered orders on its own read-only connection,
 * writes the CSV and posts it to the main thread as bytes, a chunk per credit the main thread
 * grants (csv-export.ts). Reading and formatting a million rows is most of an export's CPU; here
 * it runs beside the server's event loop, on another core, in a heap of its own.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openReadStreamer } from "@/lib/db/read-stream";
import { log } from "@/lib/observability/log";
import { csvChunks, type CsvWorkerData } from "./csv-export";

const { url, filter, requestId } = workerData as CsvWorkerData;
const port = parentPort!;
// the thread has no request context of its own: the id comes with its data
const logger = log("csv-worker").child({ reqId: requestId });

let credit = 0;
let granted: (() => void) | null = null;
port.on("message", () => {
  credit++;
  granted?.();
});

const streams = await openReadStreamer(url);

const started = performance.now();
let chunks = 0;
try {
  for await (const bytes of csvChunks({ streams }, filter)) {
    while (credit === 0) await new Promise<void>((resolve) => (granted = resolve));
    credit--;
    chunks++;
    port.postMessage(bytes, [bytes.buffer]);
  }
  port.postMessage("end");
  logger.debug({ chunks, ms: Math.round(performance.now() - started), heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) }, "CSV escrito");
} catch (error) {
  logger.error({ err: error, chunks }, "el hilo de la exportación CSV falló");
  throw error;
} finally {
  await streams.close();
  // nothing more to wait for: let the thread end
  port.removeAllListeners("message");
}
