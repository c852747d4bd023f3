/**
 * An export of "Movimientos" (CSV or Excel) produced by a worker thread (export-worker.ts) on its
 * own read-only connection: the server's event loop only passes the bytes on. Reading and
 * formatting a million rows is most of an export's CPU; in the worker it runs beside the server's
 * event loop, on another core, in a small heap of its own, so the server's memory stays bounded
 * however many orders match (docs/decisions/0004-csv-export-worker.md).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { Database } from "@/lib/db/database";
import { currentRequest } from "@/lib/observability/request-context";
import type { OrderFilter } from "./order-filter";

export type ExportFormat = "csv" | "xlsx";

/** What the export's worker thread is given. */
export interface ExportWorkerData {
  url: string;
  filter: OrderFilter;
  format: ExportFormat;
  /** the id of the request that asked for the export: on every line the worker logs */
  requestId?: string;
}

/**
 * The worker's code: in production the bundle `npm run build` writes (build:workers, esbuild: the
 * framework's bundler does not bundle Node worker threads); under Vitest and `next dev`, the
 * TypeScript source through tsx.
 */
function startWorker(options: WorkerOptions): Worker {
  if (process.env.NODE_ENV !== "production") {
    const entry = JSON.stringify(pathToFileURL(path.join(process.cwd(), "lib/regulator/export-worker.ts")).href);
    return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${entry}); });`, { ...options, eval: true });
  }
  const bundle = path.join(process.cwd(), ".next/workers/export-worker.mjs");
  if (!existsSync(bundle)) throw new Error(`Falta ${bundle}: compile con \`npm run build\` (incluye build:workers).`);
  return new Worker(bundle, options);
}

/** Chunks the worker may have ready before the client asks for them. */
const CHUNKS_AHEAD = 2;

/**
 * The whole filtered result as a byte stream. The worker gets a credit per chunk the client is
 * ready for, so it never runs ahead of a slow download; its heap is capped, so an export's memory
 * is bounded; a cancelled download ends it.
 */
export function exportStream(db: Pick<Database, "url">, filter: OrderFilter, format: ExportFormat): ReadableStream<Uint8Array> {
  let worker: Worker;
  let delivered: (() => void) | null = null;
  let finished = false;
  const settle = () => {
    delivered?.();
    delivered = null;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const fail = (error: Error) => {
        if (!finished) controller.error(error);
        finished = true;
        settle();
      };
      worker = startWorker({
        workerData: { url: db.url, filter, format, requestId: currentRequest()?.requestId } satisfies ExportWorkerData,
        // the CSV is written into buffers outside the heap and the workbook's XML a thousand rows
        // at a time: a small heap is enough
        resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
      });
      worker.on("message", (message: Uint8Array | "end") => {
        if (finished) return;
        if (message === "end") {
          finished = true;
          controller.close();
        } else {
          controller.enqueue(message);
        }
        settle();
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`La exportación se interrumpió (código ${code}).`));
      });
      for (let i = 0; i < CHUNKS_AHEAD; i++) worker.postMessage("more");
    },
    pull() {
      if (finished) return;
      worker.postMessage("more");
      return new Promise<void>((resolve) => (delivered = resolve));
    },
    async cancel() {
      finished = true;
      await worker.terminate();
    },
  });
}
