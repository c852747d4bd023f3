import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { FLOW_B, enterOtp, registerOrder, signedIn } from "./support";

test("the regulator finds any order by code; a code with one wrong digit is caught", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador2");
  const code = await registerOrder(buyer, { ...FLOW_B, volume: "120" });
  const wrongDigit = code.slice(0, 10) + ((Number(code[10]) + 3) % 10);

  const regulator = await signedIn(browser, "regulador");
  await regulator.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Consulta de Código de Autorización" }).click();
  await regulator.getByLabel("Código de Autorización").fill(wrongDigit);
  await regulator.getByRole("button", { name: "Consultar" }).click();
  await expect(regulator.getByText(/el dígito verificador no coincide/)).toBeVisible();

  // Spaces as an inspector might type them from a paper copy.
  await regulator.getByLabel("Código de Autorización").fill(`${code.slice(0, 3)} ${code.slice(3, 7)} ${code.slice(7)}`);
  await regulator.getByRole("button", { name: "Consultar" }).click();
  await expect(regulator.getByText("Grifo Los Taus S.A.C.").first()).toBeVisible();
  await expect(regulator.getByText("Comercializadora Gluones S.A.").first()).toBeVisible();
  await expect(regulator.getByText(/Terminal Leptones/).first()).toBeVisible();
  await expect(regulator.getByRole("table", { name: "Movimientos de la orden" })).toContainText("SOLICITADO");
});

test("Movimientos: filter nationwide orders, page through them, export the result as CSV and Excel", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_B, volume: "77" });

  const regulator = await signedIn(browser, "regulador");
  await regulator.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Movimientos" }).click();
  await expect(regulator.getByRole("heading", { name: "Movimientos" })).toBeVisible();
  const rows = regulator.getByRole("table", { name: "Órdenes de pedido" }).locator("tbody tr");
  expect(await rows.count()).toBeGreaterThan(10);

  await regulator.getByLabel("Agente (razón social, RUC o N° de registro)").fill("Higgs");
  await regulator.getByLabel("Estado").selectOption({ label: "SOLICITADO" });
  await regulator.getByLabel("Departamento").selectOption("Lima");
  await regulator.getByRole("button", { name: "Buscar" }).click();
  await expect(rows.filter({ hasText: code })).toHaveCount(1);
  for (const text of await rows.allTextContents()) {
    expect(text).toContain("Bosón de Higgs");
    expect(text).toContain("SOLICITADO");
  }

  const download = regulator.waitForEvent("download");
  await regulator.getByRole("button", { name: "Exportar CSV" }).click();
  const csv = await (await download).createReadStream();
  let text = "";
  for await (const chunk of csv) text += chunk;
  const lines = text.replace(/^\uFEFF/, "").trim().split(/\r\n/);
  expect(lines[0]).toContain("Código de Autorización");
  expect(lines.slice(1).length).toBe(await rows.count());
  expect(lines.some((line) => line.startsWith(code))).toBe(true);

  const excelDownload = regulator.waitForEvent("download");
  await regulator.getByRole("button", { name: "Exportar Excel" }).click();
  const excel = await excelDownload;
  expect(excel.suggestedFilename()).toMatch(/^movimientos-scop-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await excel.path());
  const sheet = workbook.getWorksheet("Movimientos")!;
  expect(sheet.getRow(1).getCell(1).value).toBe("Código de Autorización");
  expect(sheet.rowCount - 1).toBe(await rows.count());
  const ours = sheet.getRows(2, sheet.rowCount - 1)!.find((row) => row.getCell(1).value === code)!;
  // by header, not position: the columns grew (e.g. «Código SCOP anterior» second)
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  const cellOf = (header: string) => ours.getCell(headers.indexOf(header) + 1).value;
  expect(cellOf("Código SCOP anterior")).toBeNull(); // not an imported order
  expect(cellOf("Estado")).toBe("SOLICITADO");
  expect(cellOf("Fecha Pedido")).toBeInstanceOf(Date);
  expect(cellOf("Volumen Solicitado (gal)")).toBe(77);
});

test("the constancia is a PDF, and its verification link brings a signed-out inspector to the order after signing in", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador2");
  const code = await registerOrder(buyer, { ...FLOW_B, volume: "66" });
  const pdf = await buyer.request.get(`/ordenes/${code}/constancia`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  const stranger = await signedIn(browser, "comprador");
  expect((await stranger.request.get(`/ordenes/${code}/constancia`)).status()).toBe(404);

  // What the QR code encodes: the verification page of this code.
  const inspector = await (await browser.newContext()).newPage();
  await inspector.goto(`/verificacion?code=${code}`);
  await expect(inspector).toHaveURL(/\/ingresar\?next=/);
  await inspector.getByLabel("Usuario").fill("regulador");
  await inspector.getByLabel("Contraseña").fill("Scop-Demo-2026");
  await inspector.getByRole("button", { name: "Ingresar" }).click();
  await enterOtp(inspector);
  await expect(inspector).toHaveURL(new RegExp(`/verificacion\\?code=${code}$`));
  await expect(inspector.getByText("Grifo Los Taus S.A.C.").first()).toBeVisible();
});
