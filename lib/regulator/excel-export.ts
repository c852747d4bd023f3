/**
 * The whole filtered result as an Excel workbook (.xlsx), written with ExcelJS's streaming
 * WorkbookWriter: rows are committed as they come, strings are written inline (no shared-strings
 * table growing in memory), and the next batch is read only once the client has taken what was
 * written, so memory stays flat however many orders match.
 */
import { PassThrough, Readable, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { Database } from "@/lib/db/database";
import { limaWallClock } from "@/lib/time";
import { EXPORT_COLUMNS, type ColumnKind, type ExportColumn } from "./export-columns";
import { orderBatches, type ExportRow } from "./export-batches";
import type { OrderFilter } from "./order-filter";

/** Excel's sheet holds 1,048,576 rows; one is the header. Larger results continue on more sheets. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

export const SHEET_NAME = "Movimientos";

const FORMATS: Record<ColumnKind, { numFmt?: string; width: number }> = {
  text: { width: 24 },
  gallons: { numFmt: "#,##0.00", width: 16 },
  days: { numFmt: "0", width: 10 },
  instant: { numFmt: "dd/mm/yyyy hh:mm:ss", width: 20 },
};

function cell(column: ExportColumn, order: ExportRow): ExcelJS.CellValue {
  const value = column.value(order);
  if (value === null) return null;
  if (column.kind === "instant") return limaWallClock(new Date(value));
  if (column.kind === "gallons") return (value as number) / 100;
  return value;
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, number: number): ExcelJS.Worksheet {
  const name = number === 1 ? SHEET_NAME : `${SHEET_NAME} ${number}`;
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column, index) => ({
    key: String(index),
    header: column.header,
    width: FORMATS[column.kind].width,
    style: FORMATS[column.kind].numFmt ? { numFmt: FORMATS[column.kind].numFmt } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

/** Resolves once the stream wants more (or was closed: the client went away). */
function drained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}

/** What a stream holds written but not yet processed (ExcelJS's zip uses the older readable-stream API). */
type LegacyWritable = NodeJS.EventEmitter & { destroyed?: boolean; _writableState?: { length: number } };

/** More uncompressed XML than this waiting for the compressor, and the rows wait instead. */
const MAX_BACKLOG = 4 << 20;

/**
 * Resolves once the zip compressor has caught up with the sheet's XML. ExcelJS's sheet stream
 * (a StreamBuf) writes into the compressor without heeding its backpressure, so when rows come
 * faster than zlib compresses them the uncompressed XML piles up outside the JS heap (1.3 GB for
 * a million rows). `stream.pipes` and `_writableState` are not public API: if a later ExcelJS
 * changes them, this waits for nothing and the export still works, at that memory cost.
 */
async function compressed(sheet: ExcelJS.Worksheet): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: LegacyWritable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) {
    while ((pipe._writableState?.length ?? 0) > MAX_BACKLOG && !pipe.destroyed) {
      await new Promise<void>((resolve) => {
        // 'drain' comes once the backlog is gone; the timer only guards against waiting forever.
        const done = () => {
          clearTimeout(timer);
          pipe.off("drain", done);
          resolve();
        };
        const timer = setTimeout(done, 20);
        pipe.on("drain", done);
      });
    }
  }
}

export interface ExcelExportOptions {
  /** data rows per sheet; tests lower it to see a result continue on a second sheet */
  rowsPerSheet?: number;
}

export function ordersXlsxStream(db: Database, filter: OrderFilter, options: ExcelExportOptions = {}): ReadableStream<Uint8Array> {
  const rowsPerSheet = options.rowsPerSheet ?? EXCEL_MAX_DATA_ROWS;
  const output = new PassThrough({ highWaterMark: 1 << 20 });
  // Fast compression: the export is bound by the CPU, and level 1 is still a small file.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });

  async function write() {
    const batches = orderBatches(db, filter);
    let sheet = addSheet(workbook, 1);
    let sheets = 1;
    let rowsInSheet = 0;
    for await (const orders of batches) {
      for (const order of orders) {
        if (rowsInSheet === rowsPerSheet) {
          sheet.commit();
          sheet = addSheet(workbook, ++sheets);
          rowsInSheet = 0;
        }
        sheet.addRow(EXPORT_COLUMNS.map((column) => cell(column, order))).commit();
        rowsInSheet++;
      }
      await compressed(sheet);
      await drained(output);
      if (output.destroyed) return batches.return(undefined);
    }
    sheet.commit();
    await workbook.commit();
  }
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  return Readable.toWeb(output) as ReadableStream<Uint8Array>;
}
