/**
 * The whole filtered result as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when
 * they hold a comma, a quote, a line break or edge spaces), produced chunk by chunk from the
 * export stream, so memory stays flat however many orders match. Written by hand rather than
 * with Papa Parse: the rule is four lines, and at a million rows Papa's general writer took half
 * the export's time. tests/regulator/csv.test.ts checks the output against Papa's.
 */
import type { Database } from "@/lib/db/database";
import { formatLimaDateTime } from "@/lib/time";
import { toDecimalString } from "@/lib/volume";
import { EXPORT_COLUMNS, type ExportColumn } from "./export-columns";
import { orderBatches, type ExportRow } from "./export-batches";
import type { OrderFilter } from "./order-filter";

export const CSV_COLUMNS = EXPORT_COLUMNS.map((column) => column.header);

/** What makes a field need quotes (the same test as Papa Parse's, which the files used before). */
const NEEDS_QUOTES = /[",\r\n\uFEFF]|^ | $/;

/**
 * A text a spreadsheet program would read as a formula (OWASP, "CSV Injection"): it starts with
 * =, +, -, @, a tab or a carriage return. An agent's name such as `=HYPERLINK(…)` must reach the
 * regulator's spreadsheet as text, not as a live formula.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: a text that would start a formula gets a leading `'` and quotes, as OWASP
 * recommends and as Papa Parse's `escapeFormulae` does (the Cumplimiento CSVs use that).
 */
export function csvField(text: string): string {
  if (FORMULA_START.test(text)) return `"'${text.replaceAll('"', '""')}"`;
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
