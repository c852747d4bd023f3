import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvChunks } from "@/lib/regulator/csv-export";
import { exportStream } from "@/lib/regulator/export-stream";
import { ordersXlsxStream } from "@/lib/regulator/excel-export";
import { EXPORT_COLUMNS } from "@/lib/regulator/export-columns";
import { orderFilterSchema } from "@/lib/regulator/order-filter";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, seedCerradoOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";
import { zipEntry } from "../support/zip-entry";

const HEADERS = EXPORT_COLUMNS.map((column) => column.header);
const column = (header: string) => HEADERS.indexOf(header) + 1;

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  return Buffer.concat(chunks);
}

async function workbookOf(stream: ReadableStream<Uint8Array>): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await bytesOf(stream)) as unknown as ArrayBuffer);
  return workbook;
}

const dataRows = (sheet: ExcelJS.Worksheet) => sheet.getRows(2, sheet.rowCount - 1) ?? [];

describe.each(ENGINES)("Movimientos export on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let codes: { cerrado: string; solicitado: string; older: string };

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    const ctx = testContext(test.db);
    // 10:00 in Lima on 9 March: the oldest order.
    ctx.clock.set("2026-03-09T15:00:00Z");
    const older = await seedSolicitadoOrder(ctx, world, "A", "10");
    // 23:30 in Lima on 9 March is already 10 March in UTC: the export must show Lima's day.
    ctx.clock.set("2026-03-10T04:30:00Z");
    const cerrado = await seedCerradoOrder(ctx, world, "A");
    ctx.clock.set("2026-03-10T15:00:00Z");
    const solicitado = await seedSolicitadoOrder(ctx, world, "B", "1234.56");
    codes = { cerrado, solicitado, older };
  });
  afterAll(() => test.drop());

  const filter = (input: Record<string, string> = {}) => orderFilterSchema.parse(input);

  it("writes every order as typed cells: dates in Lima time, volumes and days as numbers", async () => {
    const workbook = await workbookOf(ordersXlsxStream(test.db, filter()));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Movimientos"]);
    const sheet = workbook.worksheets[0];

    const header = sheet.getRow(1);
    expect(HEADERS.map((_, index) => header.getCell(index + 1).value)).toEqual(HEADERS);
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });

    const rows = dataRows(sheet);
    expect(rows.map((row) => row.getCell(1).value)).toEqual([codes.solicitado, codes.cerrado, codes.older]);

    const [solicitado, cerrado] = rows;
    const requestedAt = solicitado.getCell(column("Fecha Pedido"));
    expect(requestedAt.value).toEqual(new Date("2026-03-10T10:00:00Z"));
    expect(requestedAt.numFmt).toBe("dd/mm/yyyy hh:mm:ss");
    expect(cerrado.getCell(column("Fecha Pedido")).value).toEqual(new Date("2026-03-09T23:30:00Z"));
    expect(solicitado.getCell(column("Volumen Solicitado (gal)")).value).toBe(1234.56);
    expect(solicitado.getCell(column("Volumen Solicitado (gal)")).numFmt).toBe("#,##0.00");
    expect(solicitado.getCell(column("Estado")).value).toBe("SOLICITADO");
    expect(solicitado.getCell(column("Planta de Abastecimiento")).value).toBe("Planta Callao Leptones");
    expect(solicitado.getCell(column("Fecha Venta")).value).toBeNull();
    expect(solicitado.getCell(column("Días de retraso")).value).toBeNull();
    expect(cerrado.getCell(column("Días de retraso")).value).toBe(0);
    expect(cerrado.getCell(column("Fecha Cierre/Fin")).value).toBeInstanceOf(Date);
    expect(cerrado.getCell(column("RUC Comprador")).value).toBe(world.agents.buyer.ruc);
  });

  it("exports only the filtered orders, in the chosen order", async () => {
    const workbook = await workbookOf(ordersXlsxStream(test.db, filter({ state: "SOLICITADO", sort: "antiguas" })));
    expect(dataRows(workbook.worksheets[0]).map((row) => row.getCell(1).value)).toEqual([codes.older, codes.solicitado]);
  });

  it("continues on another sheet, with its own header, when a sheet is full", async () => {
    const workbook = await workbookOf(ordersXlsxStream(test.db, filter(), { rowsPerSheet: 2 }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Movimientos", "Movimientos 2"]);
    const [first, second] = workbook.worksheets;
    expect(dataRows(first).map((row) => row.getCell(1).value)).toEqual([codes.solicitado, codes.cerrado]);
    expect(second.getRow(1).getCell(1).value).toBe("Código de Autorización");
    expect(second.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(dataRows(second).map((row) => row.getCell(1).value)).toEqual([codes.older]);
  });

  it("opens no empty sheet when the result ends exactly with a full one", async () => {
    const workbook = await workbookOf(ordersXlsxStream(test.db, filter(), { rowsPerSheet: 3 }));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Movimientos"]);
    expect(dataRows(workbook.worksheets[0]).map((row) => row.getCell(1).value)).toEqual([codes.solicitado, codes.cerrado, codes.older]);
  });

  it("writes a name with markup, an ampersand, edge spaces and a control character as readable text", async () => {
    const original = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.envasadora.id }, select: { businessName: true } });
    await test.db.prisma.agent.update({ where: { id: world.agents.envasadora.id }, data: { businessName: " <Gas & Sol>\u0007 S.A.C. " } });
    try {
      const workbook = await workbookOf(ordersXlsxStream(test.db, filter({ state: "SOLICITADO" })));
      const sellers = dataRows(workbook.worksheets[0]).map((row) => row.getCell(column("Vendedor")).value);
      expect(sellers).toContain(" <Gas & Sol> S.A.C. ");
    } finally {
      await test.db.prisma.agent.update({ where: { id: world.agents.envasadora.id }, data: original });
    }
  });

  it("writes xml:space only for texts with edge spaces, and a cell's reference only where it does not follow the previous cell", async () => {
    const original = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.envasadora.id }, select: { businessName: true } });
    // the control character is dropped, which leaves the space before it at the end
    await test.db.prisma.agent.update({ where: { id: world.agents.envasadora.id }, data: { businessName: "Gas Sol \u0007" } });
    try {
      const sheet = zipEntry(await bytesOf(ordersXlsxStream(test.db, filter({ state: "SOLICITADO" }))), "xl/worksheets/sheet1.xml").toString("utf8");
      expect(sheet).toContain('<t xml:space="preserve">Gas Sol </t>');
      expect(sheet).toContain("<t>SOLICITADO</t>");
      expect(sheet).not.toContain('<t xml:space="preserve">SOLICITADO</t>');
      // row 2: the code in A, no legacy mark in B, so the state in C carries its reference; the flow follows it without one
      expect(sheet).toMatch(/<row r="2"><c r="A2" t="inlineStr"><is><t>\d{11}<\/t><\/is><\/c><c r="C2" t="inlineStr"><is><t>SOLICITADO<\/t><\/is><\/c><c t="inlineStr">/);
    } finally {
      await test.db.prisma.agent.update({ where: { id: world.agents.envasadora.id }, data: original });
    }
  });

  it("the server's Excel comes from the export's worker thread, cell for cell the workbook made in-process", async () => {
    const values = (workbook: ExcelJS.Workbook) => workbook.worksheets.map((sheet) => sheet.getSheetValues().map((row) => JSON.stringify(row)));
    const fromWorker = await workbookOf(exportStream(test.db, filter({ sort: "antiguas" }), "xlsx"));
    const inProcess = await workbookOf(ordersXlsxStream(test.db, filter({ sort: "antiguas" })));
    expect(fromWorker.worksheets[0].rowCount).toBe(4);
    expect(values(fromWorker)).toEqual(values(inProcess));
  });

  it("writes the header alone when nothing matches", async () => {
    const workbook = await workbookOf(ordersXlsxStream(test.db, filter({ agent: "Nadie con este nombre" })));
    expect(workbook.worksheets[0].rowCount).toBe(1);
  });

  it("the CSV has the same columns, with dates and volumes as text", async () => {
    const text = (await bytesOf(exportStream(test.db, filter(), "csv"))).toString("utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1).trim()).data;
    expect(header).toEqual(HEADERS);
    expect(rows.map((row) => row[0])).toEqual([codes.solicitado, codes.cerrado, codes.older]);
    expect(rows[0][column("Fecha Pedido") - 1]).toBe("10/03/2026 10:00:00");
    expect(rows[1][column("Fecha Pedido") - 1]).toBe("09/03/2026 23:30:00");
    expect(rows[0][column("Volumen Solicitado (gal)") - 1]).toBe("1234.56");
  });

  it("the CSV quotes a name with a comma, quotes and a line break, ends lines with CRLF, and reads back", async () => {
    const name = 'Bosón "de" Higgs,\nS.A.C.';
    await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { businessName: name } });
    const text = (await bytesOf(exportStream(test.db, filter(), "csv"))).toString("utf8");
    expect(text).toContain('"Bosón ""de"" Higgs,\nS.A.C."');
    expect(text.split("\r\n")).toHaveLength(5); // header, three orders, and the empty end after the last CRLF
    const [, ...rows] = Papa.parse<string[]>(text.slice(1), { delimiter: ",", newline: "\r\n", skipEmptyLines: true }).data;
    expect(rows.map((row) => row[column("Comprador") - 1])).toEqual([name, name, name]);
  });

  it("the CSV comes in chunks of whole lines: cut small, each chunk is valid UTF-8 and together they are the same file", async () => {
    await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { businessName: "Gas Señor de Luren S.A.C." } });
    const chunksOf = async (chunkBytes: number) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of csvChunks(test.db, filter(), chunkBytes)) chunks.push(Uint8Array.from(chunk));
      return chunks;
    };
    const [whole] = await chunksOf(256 * 1024);
    // 64 bytes is less than any line: every line then comes alone, in a chunk sized to it
    const small = await chunksOf(64);
    expect(small).toHaveLength(4); // the BOM and header, then three orders
    const utf8 = new TextDecoder("utf-8", { fatal: true });
    const lines = small.map((chunk) => utf8.decode(chunk));
    for (const line of lines) expect(line.endsWith("\r\n") && line.indexOf("\r\n") === line.length - 2).toBe(true);
    expect(lines.filter((line) => line.includes("Gas Señor de Luren S.A.C."))).toHaveLength(3);
    expect(Buffer.concat(small).equals(whole)).toBe(true);
    expect(Buffer.from(whole).toString("utf8")).toBe((await bytesOf(exportStream(test.db, filter(), "csv"))).toString("utf8"));
  });

  it("a CSV download cancelled after its first chunk ends its worker thread, and the next export is whole", async () => {
    const reader = exportStream(test.db, filter(), "csv").getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    await reader.cancel();
    const text = (await bytesOf(exportStream(test.db, filter(), "csv"))).toString("utf8");
    expect(text.split("\r\n")).toHaveLength(5);
  });
});
