/**
 * The whole filtered result as CSV, produced batch by batch from the keyset pages, so memory
 * stays flat however many orders match. Papa Parse writes the CSV (quoting, separators).
 */
import Papa from "papaparse";
import type { Database } from "@/lib/db/database";
import { formatLimaDateTime } from "@/lib/time";
import { toDecimalString } from "@/lib/volume";
import { EXPORT_COLUMNS, type ExportColumn } from "./export-columns";
import { orderBatches, type ExportRow } from "./export-batches";
import type { OrderFilter } from "./order-filter";

export const CSV_COLUMNS = EXPORT_COLUMNS.map((column) => column.header);

function cell(column: ExportColumn, order: ExportRow): string {
  const value = column.value(order);
  if (value === null) return "";
  if (value instanceof Date) return formatLimaDateTime(value);
  if (column.kind === "gallons") return toDecimalString(value as number);
  return String(value);
}

const row = (order: ExportRow) => EXPORT_COLUMNS.map((column) => cell(column, order));

/** A stream of CSV text: a BOM (so spreadsheet programs read the accents), the header, then every order. */
export function ordersCsvStream(db: Database, filter: OrderFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<ExportRow[]> | null = null;
  return new ReadableStream<Uint8Array>({
    // One batch per pull: the stream asks for more only when the client has taken the last.
    async pull(controller) {
      if (!batches) {
        batches = orderBatches(db, filter);
        controller.enqueue(encoder.encode(`\uFEFF${Papa.unparse([CSV_COLUMNS])}\r\n`));
        return;
      }
      const next = await batches.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(`${Papa.unparse(next.value.map(row))}\r\n`));
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}
