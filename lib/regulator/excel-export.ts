/**
 * The whole filtered result as an Excel workbook (.xlsx), its XML written by hand as a stream:
 * each chunk of orders from the database becomes one string of `<row>`s, deflated into the zip
 * as the client reads (zip-writer.ts), so memory stays flat however many orders match. Strings
 * are inline (no shared-strings table to grow), and every cell's style is one of five fixed
 * entries of styles.xml.
 *
 * It replaced ExcelJS's streaming WorkbookWriter, which the profile of a 200,000-row export
 * showed spending most of its CPU in its object model: a Cell object per value, a style model
 * serialised and looked up per cell (`addStyleModel`, `_addStyle`), an XML writer that pushes
 * attributes one by one, and the garbage of all that (the GC was the largest single entry). Its
 * zip also ignored backpressure, so the uncompressed XML had to be throttled by hand.
 */
import { Readable } from "node:stream";
import type { Database } from "@/lib/db/database";
import { limaOffsetMinutes } from "@/lib/time";
import { EXPORT_COLUMNS, type ColumnKind } from "./export-columns";
import { orderBatches, type ExportRow } from "./export-batches";
import type { OrderFilter } from "./order-filter";
import { zipArchive, type ZipEntry } from "./zip-writer";

/** Excel's sheet holds 1,048,576 rows; one is the header. Larger results continue on more sheets. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;

export const SHEET_NAME = "Movimientos";

/** The cell styles of styles.xml (cellXfs), by position. */
const STYLE = { text: 0, gallons: 1, days: 2, instant: 3, header: 4 } as const;

const WIDTHS: Record<ColumnKind, number> = { text: 24, gallons: 16, days: 10, instant: 20 };

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES_XML =
  `${XML}<styleSheet xmlns="${MAIN}">` +
  '<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm:ss"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  // built-in format 1 is "0"
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  "</cellXfs>" +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/** Column letters A, B, … of the export's columns. */
const LETTERS = EXPORT_COLUMNS.map((_, index) => String.fromCharCode(65 + index));

// Characters XML 1.0 does not allow (a stray control character in a name would make the file unreadable).
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const SPECIAL = /[&<>]/g;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

function escapeXml(text: string): string {
  const clean = INVALID.test(text) ? text.replace(INVALID, "") : text;
  INVALID.lastIndex = 0;
  return SPECIAL.test(clean) ? clean.replace(SPECIAL, (char) => ENTITIES[char]) : clean;
}

const EDGE_SPACE = /^\s|\s$/;

/** `ref` is the cell's ` r="…"` attribute, or "" for the cell right after the row's previous one. */
function textCell(ref: string, text: string, style: number): string {
  const escaped = escapeXml(text);
  // xml:space keeps a name's leading or trailing spaces (as they are once control characters are
  // dropped); only such texts need it, and it was a fifth of the sheet's bytes
  const space = EDGE_SPACE.test(escaped) ? ' xml:space="preserve"' : "";
  return `<c${ref}${style ? ` s="${style}"` : ""} t="inlineStr"><is><t${space}>${escaped}</t></is></c>`;
}

/** An instant as Excel's serial day number of Lima's wall clock (days since 1899-12-30). */
function serialDay(epochMs: number): number {
  return (epochMs + limaOffsetMinutes(epochMs) * 60_000) / 86_400_000 + 25_569;
}

/**
 * One row's XML. A cell's reference (r="B12") is optional in SpreadsheetML: a cell without one is
 * in the column after the previous cell. It is written for a row's first cell and after an empty
 * one (readers such as ExcelJS place a first cell only by its reference), left out otherwise.
 */
function rowXml(number: number, order: ExportRow): string {
  let xml = `<row r="${number}">`;
  let previous = -1;
  for (let index = 0; index < EXPORT_COLUMNS.length; index++) {
    const column = EXPORT_COLUMNS[index];
    const value = column.value(order);
    if (value === null) continue;
    const ref = previous === -1 || previous !== index - 1 ? ` r="${LETTERS[index]}${number}"` : "";
    previous = index;
    switch (column.kind) {
      case "text":
        xml += textCell(ref, String(value), STYLE.text);
        break;
      case "gallons":
        xml += `<c${ref} s="${STYLE.gallons}"><v>${(value as number) / 100}</v></c>`;
        break;
      case "days":
        xml += `<c${ref} s="${STYLE.days}"><v>${value}</v></c>`;
        break;
      case "instant":
        xml += `<c${ref} s="${STYLE.instant}"><v>${serialDay(value as number)}</v></c>`;
        break;
    }
  }
  return `${xml}</row>`;
}

const SHEET_START =
  `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}">` +
  // the header row stays in view
  '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/>' +
  `<cols>${EXPORT_COLUMNS.map((column, index) => `<col min="${index + 1}" max="${index + 1}" width="${WIDTHS[column.kind]}" customWidth="1"/>`).join("")}</cols>` +
  "<sheetData>" +
  `<row r="1">${EXPORT_COLUMNS.map((column, index) => textCell(` r="${LETTERS[index]}1"`, column.header, STYLE.header)).join("")}</row>`;
const SHEET_END = "</sheetData></worksheet>";

const sheetName = (number: number) => (number === 1 ? SHEET_NAME : `${SHEET_NAME} ${number}`);

function metadata(sheets: number): ZipEntry[] {
  const numbers = Array.from({ length: sheets }, (_, index) => index + 1);
  return [
    {
      name: "[Content_Types].xml",
      content: [
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          numbers
            .map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
            .join("") +
          '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
          "</Types>",
      ],
    },
    {
      name: "_rels/.rels",
      content: [
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
    },
    {
      name: "xl/workbook.xml",
      content: [
        `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><bookViews><workbookView/></bookViews><sheets>` +
          numbers.map((n) => `<sheet name="${sheetName(n)}" sheetId="${n}" r:id="rId${n}"/>`).join("") +
          "</sheets></workbook>",
      ],
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      content: [
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
          numbers.map((n) => `<Relationship Id="rId${n}" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join("") +
          `<Relationship Id="rId${sheets + 1}" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`,
      ],
    },
    { name: "xl/styles.xml", content: [STYLES_XML] },
  ];
}

export interface ExcelExportOptions {
  /** data rows per sheet; tests lower it to see a result continue on a second sheet */
  rowsPerSheet?: number;
}

/**
 * The workbook's bytes as the zip writer deflates them, and a way to stop reading the database
 * early (a client that went away).
 */
export function xlsxArchive(db: Pick<Database, "streams">, filter: OrderFilter, options: ExcelExportOptions = {}): { bytes: AsyncGenerator<Buffer>; stop: () => void } {
  const rowsPerSheet = options.rowsPerSheet ?? EXCEL_MAX_DATA_ROWS;
  const batches = orderBatches(db, filter);
  /** orders read but not yet written: the rest of a chunk when a sheet fills up */
  let pending: ExportRow[] = [];
  let exhausted = false;

  /** The next orders to write, or none once the result is read to its end. */
  async function refill(): Promise<void> {
    if (pending.length > 0 || exhausted) return;
    const next = await batches.next();
    if (next.done) exhausted = true;
    else pending = next.value;
  }

  /** One sheet's XML: its header, then orders until the sheet is full or none are left. */
  async function* sheetXml(): AsyncGenerator<string> {
    yield SHEET_START;
    let rows = 0;
    while (rows < rowsPerSheet) {
      await refill();
      if (pending.length === 0) break;
      const take = pending.slice(0, rowsPerSheet - rows);
      pending = pending.slice(take.length);
      let xml = "";
      for (const order of take) xml += rowXml(++rows + 1, order);
      yield xml;
    }
    // read ahead, so that a result that ends exactly with a full sheet opens no empty one
    await refill();
    yield SHEET_END;
  }

  function* entries(): Generator<ZipEntry> {
    let sheets = 0;
    // the zip pulls a sheet's content to its end before it asks for the next entry
    do yield { name: `xl/worksheets/sheet${++sheets}.xml`, content: sheetXml() };
    while (!exhausted);
    yield* metadata(sheets);
  }

  return { bytes: zipArchive(entries()), stop: () => void batches.return(undefined) };
}

/** The workbook as a byte stream in this thread (tests; the server's route uses the export worker, export-stream.ts). */
export function ordersXlsxStream(db: Pick<Database, "streams">, filter: OrderFilter, options: ExcelExportOptions = {}): ReadableStream<Uint8Array> {
  const { bytes, stop } = xlsxArchive(db, filter, options);
  const stream = Readable.from(bytes, { objectMode: false, highWaterMark: 1 << 20 });
  // A client that goes away ends the read of the database too.
  stream.on("close", stop);
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
