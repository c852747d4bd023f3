import { expect, test } from "@playwright/test";
import { FLOW_A, demoDay, limaToday, registerOrder, signedIn } from "./support";

const dayMonthYear = (day: string) => day.split("-").reverse().join("/");

test("flow a: the truck sold yesterday arrives today; closed today, the closure is on time and not in Cumplimiento", async ({ browser }) => {
  // The demo's Red de Gas Fotones bought 1,200 gal from Quarks, sold yesterday at 17:30 (Lima).
  const buyer = await signedIn(browser, "fotones");
  await buyer.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Cierre de Orden de Pedido" }).click();
  const row = buyer.getByRole("table", { name: /Órdenes por cerrar/ }).locator("tbody tr").filter({ hasText: "Quarks" }).filter({ hasText: "1,200.00" });
  await expect(row).toHaveCount(1);
  // No deadline claimed: the time since the sale (hours), and the rule.
  await expect(row).toContainText(/\d+ h \d+ min|\d+ días? \d+ h/);
  await expect(buyer.getByText("Cierre cada orden el mismo día en que recibe el producto.")).toBeVisible();
  const code = (await row.locator("td").first().textContent())!.trim();
  await row.getByRole("link", { name: "Ver Detalle" }).click();
  await expect(buyer.getByText(/Vendida el .*hace/)).toBeVisible();

  // A descarga before the sale (yesterday 17:00) is refused, and nothing is closed.
  const unloaded = buyer.getByLabel("Fecha y hora de descarga del lote 1");
  const now = await unloaded.inputValue();
  expect(now.slice(0, 10)).toBe(limaToday(0));
  await buyer.getByLabel("Cantidad Recibida del lote 1").fill("1200");
  await unloaded.fill(`${demoDay(1)}T17:00`);
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(buyer.getByTestId("error-summary")).toContainText(/La descarga no puede ser anterior a la venta del lote/);
  await expect(unloaded).toHaveAccessibleDescription(/La descarga no puede ser anterior a la venta del lote/);
  await expect(buyer.getByRole("button", { name: "Registrar Cierre" })).toHaveCount(0);

  // The truck arrived today: the descarga is now (the default).
  await unloaded.fill(now);
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(buyer.getByText(/declaración jurada/)).toBeVisible();
  await buyer.getByRole("button", { name: "Registrar Cierre" }).click();
  await expect(buyer.getByText(`Cierre registrado: la orden ${code} se encuentra en estado CERRADO.`)).toBeVisible();
  await expect(buyer.getByText(`El cierre se registró dentro del plazo: el mismo día de la descarga (${dayMonthYear(limaToday(0))}).`)).toBeVisible();
  await buyer.goto(`/ordenes/${code}`);
  await expect(buyer.getByRole("table", { name: "Lotes de la orden" })).toContainText(dayMonthYear(limaToday(0)));
  await expect(buyer.getByText("0 (el mismo día)")).toBeVisible();

  // The regulator's Cumplimiento: not among the late closures, where Bosón de Higgs' is.
  const regulator = await signedIn(browser, "regulador");
  await regulator.goto(`/regulador/cumplimiento?from=${demoDay(10)}&to=${limaToday(0)}&lista=cerradas`);
  const late = regulator.getByRole("table", { name: "Cerradas fuera de plazo" });
  await expect(late).toContainText("Bosón de Higgs S.A.C.");
  await expect(late).not.toContainText(code);
  await expect(regulator.getByRole("table", { name: "Compradores con incumplimientos" })).not.toContainText("Red de Gas Fotones");
});

test("a buyer rejects an order still SOLICITADO; the screen says how it differs from Anular; the capacity is freed", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador2");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "90" });
  await buyer.goto(`/ordenes/${code}`);
  await expect(buyer.getByRole("link", { name: "Anular" })).toBeVisible();
  await buyer.getByRole("link", { name: "Rechazar Orden" }).click();
  await expect(buyer.getByText("¿Rechazar o anular?")).toBeVisible();
  await expect(buyer.getByText(/Anular deja sin efecto una orden generada por error/)).toBeVisible();
  await buyer.getByLabel("Motivo del rechazo").fill("El proveedor avisó que no tiene stock.");
  await buyer.getByRole("button", { name: "Rechazar Orden" }).click();
  await buyer.getByRole("button", { name: "Aceptar" }).click();
  await expect(buyer.getByText(`La orden ${code} se encuentra en estado RECHAZADO.`)).toBeVisible();
  await expect(buyer.getByText("Se liberó el volumen en su capacidad de compra.")).toBeVisible();
  await buyer.goto(`/ordenes/${code}/movimientos`);
  const states = await buyer.getByRole("table", { name: "Movimientos de la orden" }).locator("tbody tr td:nth-child(2)").allTextContents();
  expect(states.map((state) => state.trim())).toEqual(["SOLICITADO", "RECHAZADO"]);
});

test("an inspector records a constatación from a phone (390 px): SOLICITADO while unloading is the seller's finding", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador2");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "110" });

  const phone = await signedIn(browser, "regulador", { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await phone.goto("/verificacion");
  await phone.getByLabel("Código de Autorización").fill(code);
  await phone.getByRole("button", { name: "Consultar" }).click();
  await expect(phone.getByRole("heading", { name: "Registrar constatación" })).toBeVisible();
  // The default instant is now; the inspector writes what it sees.
  await expect(phone.getByLabel("Fecha y hora")).toHaveValue(new RegExp(`^${limaToday(0)}T\\d{2}:\\d{2}$`));
  await phone.getByRole("button", { name: "Registrar constatación" }).click();
  await expect(phone.getByTestId("error-summary")).toBeFocused();
  await phone.getByTestId("error-summary").getByRole("link", { name: "Indique lo que vio: descargando, cargando o en tránsito." }).click();
  await expect(phone.getByLabel("Descargando")).toBeFocused();
  await phone.getByLabel("Lugar").fill("Av. Tomás Valle 1520, Los Olivos — Grifo Los Taus");
  await phone.getByLabel("Placa que vio").fill("t8a 870");
  await phone.getByLabel("Descargando").check();
  await phone.getByRole("button", { name: "Registrar constatación" }).click();
  await expect(phone.getByText(new RegExp(`la orden ${code} estaba en estado SOLICITADO`))).toBeVisible();
  await expect(phone.getByText(/queda como incumplimiento del vendedor/)).toBeVisible();
  const recorded = phone.getByRole("table", { name: "Constataciones de la orden" }).locator("tbody tr");
  await expect(recorded).toHaveCount(1);
  await expect(recorded).toContainText("T8A-870");
  await expect(recorded).toContainText("Descargando");
  await expect(recorded).toContainText("Incumplimiento del vendedor");
  // Nothing wider than the phone but the tables, which scroll inside their own box.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // On the order's detail for the regulator, and in Cumplimiento under the seller.
  await phone.goto(`/ordenes/${code}`);
  await expect(phone.getByRole("table", { name: "Constataciones de la orden" })).toContainText("T8A-870");
  await phone.goto(`/regulador/cumplimiento?from=${limaToday(0)}&to=${limaToday(0)}&lista=constatadas`);
  await expect(phone.getByRole("table", { name: "SOLICITADO constatado descargando" })).toContainText(code);
  // The buyer never sees the regulator's constataciones.
  await buyer.goto(`/ordenes/${code}`);
  await expect(buyer.getByRole("heading", { name: "Constataciones" })).toHaveCount(0);
});
