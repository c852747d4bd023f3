import { expect, test, type Page } from "@playwright/test";
import { FLOW_A, FLOW_B, movementStates, registerOrder, sell, signedIn } from "./support";

const menu = (page: Page, name: string) => page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name }).click();

/** The buyer: "Cierre de Orden de Pedido" → "Ver Detalle" → quantities → "Vista Previa" → "Registrar Cierre". */
async function openClosure(page: Page, code: string) {
  await menu(page, "Cierre de Orden de Pedido");
  await expect(page).toHaveURL(/\/compras\/cierre$/);
  await page.locator("tr", { hasText: code }).getByRole("link", { name: "Ver Detalle" }).click();
  await expect(page.getByRole("heading", { name: "Cierre de Orden de Pedido" })).toBeVisible();
}

test("flow a: register, sell two lots, close one received and one rejected → CERRADO", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "1,000" });

  const seller = await signedIn(browser, "vendedor");
  await sell(seller, code, [
    { volume: "600", plate: "C4F-721", guia: "T001-00012345", factura: "F001-00001234" },
    { volume: "400", plate: "D2K-845", guia: "T001-00012346", factura: "F001-00001235" },
  ]);
  await expect(seller.getByText(/POR CERRAR/).first()).toBeVisible();

  // The home page claims no deadline: the time since the sale, and the rule.
  await buyer.goto("/");
  await expect(buyer.getByText("Cierre cada orden el mismo día en que recibe el producto.")).toBeVisible();
  await expect(buyer.getByRole("table", { name: /Órdenes por cerrar/ }).locator("tr", { hasText: code })).toContainText(/\d+ min/);
  await openClosure(buyer, code);
  // The descarga defaults to now, in Lima time.
  await expect(buyer.getByLabel("Fecha y hora de descarga del lote 1")).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  await buyer.getByLabel("Cantidad Recibida del lote 1").fill("595.50");
  await buyer.getByLabel("Rechazar lote 2").check();
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(buyer.getByText(/declaración jurada/)).toBeVisible();
  await expect(buyer.getByText("595.50")).toBeVisible();
  await buyer.getByRole("button", { name: "Registrar Cierre" }).click();
  await expect(buyer.getByText(`Cierre registrado: la orden ${code} se encuentra en estado CERRADO.`)).toBeVisible();
  await expect(buyer.getByText(/El cierre se registró dentro del plazo: el mismo día de la descarga/)).toBeVisible();

  expect(await movementStates(buyer, code)).toEqual(["SOLICITADO", "ACEPTADO/VENDIDO", "CERRADO"]);
  await buyer.goto(`/ordenes/${code}`);
  const lots = buyer.getByRole("table", { name: "Lotes de la orden" }).locator("tbody tr");
  await expect(lots.nth(0)).toContainText("595.50");
  await expect(lots.nth(1)).toContainText("Rechazado");
});

test("flow b: register, the comercializador sells, the plant dispatches, the buyer closes → CERRADO", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_B, volume: "500" });

  const seller = await signedIn(browser, "comercializador");
  await sell(seller, code, [{ volume: "500", plate: "T8A-870", guia: "T002-00000077", factura: "F002-00000431" }]);
  await expect(seller.getByText(/ACEPTADO\/VENDIDO/).first()).toBeVisible();

  const operator = await signedIn(browser, "operador");
  await menu(operator, "Despachos por Registrar");
  await expect(operator).toHaveURL(/\/despachos$/);
  await operator.locator("tr", { hasText: code }).getByRole("link", { name: "Registrar Despacho" }).click();
  await operator.getByLabel("Cantidad Despachada (gal)").first().fill("498");
  await operator.getByRole("button", { name: "Vista Previa" }).click();
  await operator.getByRole("button", { name: "Registrar Despacho" }).click();
  await expect(operator.getByText(/POR CERRAR/).first()).toBeVisible();

  await buyer.goto("/");
  await openClosure(buyer, code);
  await buyer.getByLabel("Cantidad Recibida del lote 1").fill("498");
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await buyer.getByRole("button", { name: "Registrar Cierre" }).click();
  await expect(buyer.getByText(`Cierre registrado: la orden ${code} se encuentra en estado CERRADO.`)).toBeVisible();

  expect(await movementStates(buyer, code)).toEqual(["SOLICITADO", "ACEPTADO/VENDIDO", "DESPACHADO", "CERRADO"]);
});

test("a received quantity above the sold one is refused and nothing is closed", async ({ browser }) => {
  const buyer = await signedIn(browser, "fotones");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "300" });
  const seller = await signedIn(browser, "vendedor");
  await sell(seller, code, [{ volume: "300", plate: "B7M-312", guia: "T001-00012400", factura: "F001-00001300" }]);

  await buyer.goto("/");
  await openClosure(buyer, code);
  await buyer.getByLabel("Cantidad Recibida del lote 1").fill("300.01");
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  // In the error summary (focused) and beside the field.
  await expect(buyer.getByTestId("error-summary")).toBeFocused();
  await expect(buyer.getByTestId("error-summary")).toContainText("La cantidad recibida no puede superar la cantidad vendida (300.00 gal).");
  await expect(buyer.getByLabel("Cantidad Recibida del lote 1")).toHaveAccessibleDescription(/La cantidad recibida no puede superar la cantidad vendida \(300\.00 gal\)\./);
  await expect(buyer.getByLabel("Cantidad Recibida del lote 1")).toHaveValue("300.01");
  await expect(buyer.getByRole("button", { name: "Registrar Cierre" })).toHaveCount(0);

  expect(await movementStates(buyer, code)).toEqual(["SOLICITADO", "ACEPTADO/VENDIDO"]);
});

test("a buyer rejects an order after the sale, with a reason and when it learned the product would not arrive", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_B, volume: "250" });
  const seller = await signedIn(browser, "comercializador");
  await sell(seller, code, [{ volume: "250", plate: "A3X-590", guia: "T002-00000078", factura: "F002-00000432" }]);

  await buyer.goto(`/ordenes/${code}`);
  await buyer.getByRole("link", { name: "Rechazar Orden" }).click();
  await buyer.getByRole("button", { name: "Rechazar Orden" }).click();
  await expect(buyer.getByTestId("error-summary")).toContainText("Indique el motivo del rechazo");
  await expect(buyer.getByLabel("Motivo del rechazo")).toHaveAccessibleDescription(/Indique el motivo del rechazo/);
  await buyer.getByLabel("Motivo del rechazo").fill("El producto no cumple la especificación de odorización.");
  await expect(buyer.getByLabel("Fecha y hora en que supo que el producto no llegaría")).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  await buyer.getByRole("button", { name: "Rechazar Orden" }).click();
  await buyer.getByRole("button", { name: "Aceptar" }).click();
  await expect(buyer.getByText(`La orden ${code} se encuentra en estado RECHAZADO.`)).toBeVisible();
  await expect(buyer.getByText(/El rechazo se registró dentro del plazo/)).toBeVisible();

  expect(await movementStates(buyer, code)).toEqual(["SOLICITADO", "ACEPTADO/VENDIDO", "RECHAZADO"]);
});
