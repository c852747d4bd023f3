/**
 * The whole filtered result as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, a quote, a line break or edge spaces), produced chunk by chunk from the
 * export stream, so memory stays flat however many orders match. Written by hand rather than
 * with Papa Parse: the rule is four lines, and at a million rows Papa's general writer took half
 * the export's time. tests/regulator/csv.test.ts checks the output against Papa's.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { Database } from "@/lib/db/database";
import { formatLimaDateTime } from "@/lib/time";
import { toDecimalString } from "@/lib/volume";
import { EXPORT_COLUMNS, type ExportColumn } from "./export-columns";
import { orderBatches, type ExportRow } from "./export-batches";
import type { OrderFilter } from "./order-filter";

export const CSV_COLUMNS = EXPORT_COLUMNS.map((column) => column.header);

/** What makes a field need quotes (the same test as Papa Parse's, which the files used before). */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(",")}\r\n`;
}

/** A cell as CSV text; only text cells can need quotes (dates and numbers are digits and separators). */
function cell(column: ExportColumn, order: ExportRow): string {
  const value = column.value(order);
  if (value === null) return "";
  if (column.kind === "instant") return formatLimaDateTime(value as number);
  if (column.kind === "gallons") return toDecimalString(value as number);
  return column.kind === "text" ? csvField(String(value)) : String(value);
}

function line(order: ExportRow): string {
  let text = cell(EXPORT_COLUMNS[0], order);
  for (let i = 1; i < EXPORT_COLUMNS.length; i++) text += `,${cell(EXPORT_COLUMNS[i], order)}`;
  return `${text}\r\n`;
}

/** What the export's worker thread is given (csv-worker.ts). */
export interface CsvWorkerData {
  url: string;
  filter: OrderFilter;
}

/** The most bytes `text` can take in UTF-8: 3 per UTF-16 unit. Room for that means it fits whole. */
const room = (text: string) => text.length * 3;

/** Bytes per chunk the export hands over: about a thousand orders. */
export const CSV_CHUNK_BYTES = 256 * 1024;

/**
 * The CSV as UTF-8 chunks of whole lines: a BOM (so spreadsheet programs read the accents) and the
 * header, then the orders. Each line is written straight into the chunk's buffer, so no string
 * of a whole chunk is ever built: the worker's heap then holds only a few lines of garbage and
 * stays small.
 */
export async function* csvChunks(db: Pick<Database, "streams">, filter: OrderFilter, chunkBytes = CSV_CHUNK_BYTES): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const header = `\uFEFF${csvLine(CSV_COLUMNS)}`;
  // allocUnsafeSlow: a buffer of its own (not a slice of Node's pool), so it can be transferred
  let chunk = Buffer.allocUnsafeSlow(Math.max(chunkBytes, room(header)));
  let used = chunk.write(header);
  for await (const orders of orderBatches(db, filter)) {
    for (const order of orders) {
      const text = line(order);
      if (used + room(text) > chunk.length) {
        yield chunk.subarray(0, used);
        chunk = Buffer.allocUnsafeSlow(Math.max(chunkBytes, room(text)));
        used = 0;
      }
      used += chunk.write(text, used);
    }
  }
  yield chunk.subarray(0, used);
}

/**
 * The worker's code: in production the bundle `npm run build` writes (build:workers, esbuild: the
 * framework's bundler does not bundle Node worker threads); under Vitest and `next dev`, the
 * TypeScript source through tsx.
 */
function startWorker(options: WorkerOptions): Worker {
  if (process.env.NODE_ENV !== "production") {
    const entry = JSON.stringify(pathToFileURL(path.join(process.cwd(), "lib/regulator/csv-worker.ts")).href);
    return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${entry}); });`, { ...options, eval: true });
  }
  const bundle = path.join(process.cwd(), ".next/workers/csv-worker.mjs");
  if (!existsSync(bundle)) throw new Error(`Falta ${bundle}: compile con \`npm run build\` (incluye build:workers).`);
  return new Worker(bundle, options);
}

/** Chunks the worker may have ready before the client asks for them. */
const CHUNKS_AHEAD = 2;

/**
 * The whole filtered result as a byte stream, produced by a worker thread (csv-worker.ts) on its
 * own connection: the server's event loop only passes the bytes on. The worker gets a credit per
 * chunk the client is ready for, so it never runs ahead of a slow download; its heap is capped,
 * so an export's memory is bounded whatever the number of rows; a cancelled download ends it.
 */
export function ordersCsvStream(db: Database, filter: OrderFilter): ReadableStream<Uint8Array> {
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
        workerData: { url: db.url, filter } satisfies CsvWorkerData,
        // the lines are written into buffers outside the heap, so a small heap is enough
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
