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

/** A stream of CSV text: a BOM (so spreadsheet programs read the accents), the header, then every order. */
export function ordersCsvStream(db: Database, filter: OrderFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<ExportRow[]> | null = null;
  return new ReadableStream<Uint8Array>({
    // One chunk per pull: the stream asks for more only when the client has taken the last.
    async pull(controller) {
      if (!batches) {
        batches = orderBatches(db, filter);
        controller.enqueue(encoder.encode(`\uFEFF${csvLine(CSV_COLUMNS)}`));
        return;
      }
      const next = await batches.next();
      if (next.done) return controller.close();
      let text = "";
      for (const order of next.value) text += line(order);
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}
