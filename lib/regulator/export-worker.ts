/**
 * The export's worker thread (export-stream.ts): reads the filtered orders on its own read-only
 * connection, writes the CSV or the workbook and posts it to the main thread as bytes, a chunk per
 * credit the main thread grants.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openReadStreamer } from "@/lib/db/read-stream";
import { log } from "@/lib/observability/log";
import { CSV_CHUNK_BYTES, csvChunks } from "./csv-export";
import { xlsxArchive } from "./excel-export";
import type { ExportWorkerData } from "./export-stream";

const { url, filter, format, requestId } = workerData as ExportWorkerData;
const port = parentPort!;
// the thread has no request context of its own: the id comes with its data
const logger = log("export-worker").child({ reqId: requestId, format });

let credit = 0;
let granted: (() => void) | null = null;
port.on("message", () => {
  credit++;
  granted?.();
});

/**
 * The deflated workbook gathered into chunks of CSV_CHUNK_BYTES, each in a buffer of its own that
 * can be transferred (zlib's output buffers are small and may share memory).
 */
async function* gathered(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  let chunk = Buffer.allocUnsafeSlow(CSV_CHUNK_BYTES);
  let used = 0;
  for await (const piece of bytes) {
    let offset = 0;
    while (offset < piece.length) {
      const copied = Math.min(piece.length - offset, chunk.length - used);
      chunk.set(piece.subarray(offset, offset + copied), used);
      used += copied;
      offset += copied;
      if (used === chunk.length) {
        yield chunk;
        chunk = Buffer.allocUnsafeSlow(CSV_CHUNK_BYTES);
        used = 0;
      }
    }
  }
  if (used > 0) yield chunk.subarray(0, used);
}

const streams = await openReadStreamer(url);

const started = performance.now();
let chunks = 0;
try {
  const output = format === "csv" ? csvChunks({ streams }, filter) : gathered(xlsxArchive({ streams }, filter).bytes);
  for await (const bytes of output) {
    while (credit === 0) await new Promise<void>((resolve) => (granted = resolve));
    credit--;
    chunks++;
    port.postMessage(bytes, [bytes.buffer]);
  }
  port.postMessage("end");
  logger.debug({ chunks, ms: Math.round(performance.now() - started), heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) }, "exportación escrita");
} catch (error) {
  logger.error({ err: error, chunks }, "el hilo de la exportación falló");
  throw error;
} finally {
  await streams.close();
  // nothing more to wait for: let the thread end
  port.removeAllListeners("message");
}
