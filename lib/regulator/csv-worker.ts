/**
 * The CSV export's worker thread: reads the filtered orders on its own read-only connection,
 * writes the CSV and posts it to the main thread as bytes, a chunk per credit the main thread
 * grants (csv-export.ts). Reading and formatting a million rows is most of an export's CPU; here
 * it runs beside the server's event loop, on another core, in a heap of its own.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openReadStreamer } from "@/lib/db/read-stream";
import { csvChunks, type CsvWorkerData } from "./csv-export";

const { url, filter } = workerData as CsvWorkerData;
const port = parentPort!;

let credit = 0;
let granted: (() => void) | null = null;
port.on("message", () => {
  credit++;
  granted?.();
});

const streams = await openReadStreamer(url);

try {
  for await (const bytes of csvChunks({ streams }, filter)) {
    while (credit === 0) await new Promise<void>((resolve) => (granted = resolve));
    credit--;
    port.postMessage(bytes, [bytes.buffer]);
  }
  port.postMessage("end");
} finally {
  await streams.close();
  // nothing more to wait for: let the thread end
  port.removeAllListeners("message");
}
