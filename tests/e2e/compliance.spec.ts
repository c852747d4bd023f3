import ExcelJS from "exceljs";
import Papa from "papaparse";
import { expect, test, type Download } from "@playwright/test";
import { demoDay, limaToday, signedIn } from "./support";

async function contentOf(download: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

test("Cumplimiento: a late buyer of the demo, graded; a changed factor changes the figures and the CSV and Excel exports", async ({ browser }) => {
  const regulator = await signedIn(browser, "regulador");
  await regulator.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Cumplimiento" }).click();
  await expect(regulator.getByRole("heading", { name: "Cumplimiento", level: 1 })).toBeVisible();

  // The demo's Bosón de Higgs closed one order two days after its truck unloaded; its order sold
  // yesterday and not yet arrived is no finding: 1 order, 2 days ("hasta 2 días"), Consumidor
  // Directo (factor 0.3): 146.88 × 0.30 = 44.06 US$.
  await regulator.getByLabel("Periodo desde").fill(demoDay(10));
  await regulator.getByLabel("Periodo hasta").fill(limaToday(0));
  await regulator.getByRole("button", { name: "Generar reporte" }).click();
  const buyers = regulator.getByRole("table", { name: "Compradores con incumplimientos" });
  const higgs = buyers.locator("tbody tr").filter({ hasText: "Bosón de Higgs S.A.C." });
  await expect(higgs).toHaveCount(1);
  await expect(higgs).toContainText("96071-060-300621");
  await expect(higgs).toContainText("Consumidor Directo");
  await expect(higgs).toContainText("Hasta 3 O.P.");
  await expect(higgs).toContainText("promedio 2.00");
  await expect(higgs).toContainText("Otras unidades menores");
  await expect(higgs).toContainText("US$ 44.06");
  // Estación de Servicios Bariones: sold a week ago, neither closed nor rejected: listed, not graded.
  const bariones = buyers.locator("tbody tr").filter({ hasText: "Estación de Servicios Bariones" });
  await expect(bariones).toContainText("Sin cierres que graduar");
  await expect(bariones).toContainText("US$ 0.00");
  await expect(bariones.getByRole("link", { name: /Ver órdenes sin cierre ni rechazo/ })).toHaveText("1");
  // Grifo Los Taus rejected the morning after it learned the truck would not come: a late rejection.
  await expect(buyers.locator("tbody tr").filter({ hasText: "Grifo Los Taus" }).getByRole("link", { name: /Ver rechazadas fuera de plazo/ })).toHaveText("1");
  // Fermiones' truck was seen unloading while the order read SOLICITADO: seed 001's 184 US$.
  const constatados = regulator.getByRole("table", { name: "Vendedores con constataciones de SOLICITADO descargando" });
  await expect(constatados.locator("tbody tr").filter({ hasText: "Planta Envasadora Fermiones" })).toContainText("US$ 184.00");

  // The regulator weighs "Otras unidades menores" as 1.0: the same buyer now costs 146.88 × 1.00.
  await regulator.getByText("Graduación: Cuadro Nro. 03").click();
  await regulator.getByLabel("Otras unidades menores", { exact: true }).fill("1");
  await regulator.getByRole("button", { name: "Generar reporte" }).click();
  await expect(regulator).toHaveURL(/fMenores=1/);
  await expect(higgs).toContainText("US$ 146.88");
  await expect(higgs).not.toContainText("US$ 44.06");

  // A bad parameter is refused in Spanish.
  await regulator.getByText("Graduación: Cuadro Nro. 03").click();
  await regulator.getByLabel("Otras unidades menores", { exact: true }).fill("0");
  await regulator.getByRole("button", { name: "Generar reporte" }).click();
  await expect(regulator.getByText("Factor Otras unidades menores: ingrese un número mayor que 0").first()).toBeVisible();
  await regulator.getByLabel("Otras unidades menores", { exact: true }).fill("1");
  await regulator.getByRole("button", { name: "Generar reporte" }).click();
  await expect(higgs).toContainText("US$ 146.88");

  // The CSV carries the edited figures.
  const csvDownload = regulator.waitForEvent("download");
  await regulator.getByRole("link", { name: "CSV compradores" }).click();
  const csv = Papa.parse<Record<string, string>>((await contentOf(await csvDownload)).toString("utf8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: true });
  const csvRow = csv.data.find((row) => row["Razón social"] === "Bosón de Higgs S.A.C.");
  expect(csvRow).toMatchObject({ "N° de registro": "96071-060-300621", "Órdenes con retraso": "1", "Días de retraso (total)": "2", "Factor T": "1.00", "Costo evitado estimado (US$)": "146.88" });

  // So does the Excel workbook, with its parameters.
  const excelDownload = regulator.waitForEvent("download");
  await regulator.getByRole("link", { name: "Exportar Excel" }).click();
  const file = await excelDownload;
  expect(file.suggestedFilename()).toMatch(/^cumplimiento-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await contentOf(file)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet("Compradores")!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const rows = sheet.getSheetValues().slice(2).map((values) => (values as unknown[]).slice(1));
  const excelRow = rows.find((values) => values[header.indexOf("Razón social")] === "Bosón de Higgs S.A.C.")!;
  expect(excelRow[header.indexOf("Costo evitado estimado (US$)")]).toBe(146.88);
  expect(excelRow[header.indexOf("Órdenes con retraso")]).toBe(1);
  const parameters = workbook.getWorksheet("Parámetros")!.getSheetValues().map((values) => (values as unknown[] | undefined)?.slice(1));
  expect(parameters).toContainEqual(["Cuadro 04: factor Otras unidades menores", 1]);
  expect(workbook.getWorksheet("Órdenes")!.rowCount).toBeGreaterThan(2);

  // From the agent to its orders, and to an order's detail.
  await higgs.getByRole("link", { name: /Ver cerradas fuera de plazo/ }).click();
  const list = regulator.getByRole("table", { name: "Cerradas fuera de plazo" });
  await expect(list.locator("tbody tr")).not.toHaveCount(0);
  await expect(list).toContainText("Bosón de Higgs S.A.C.");
  const code = (await list.locator("tbody tr").first().locator("td").first().textContent())!.trim();
  await list.locator("tbody tr").first().getByRole("link", { name: "Ver Detalle" }).click();
  await expect(regulator).toHaveURL(new RegExp(`/ordenes/${code}$`));
  await expect(regulator.getByText(code).first()).toBeVisible();
});

test("a buyer may not open Cumplimiento nor its exports", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  await expect(buyer.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Cumplimiento" })).toHaveCount(0);
  await buyer.goto("/regulador/cumplimiento");
  await expect(buyer.getByRole("heading", { name: "No autorizado" })).toBeVisible();
  expect((await buyer.request.get("/regulador/cumplimiento/exportar/csv?tabla=compradores")).status()).toBe(403);
  expect((await buyer.request.get("/regulador/cumplimiento/exportar/excel")).status()).toBe(403);
});
