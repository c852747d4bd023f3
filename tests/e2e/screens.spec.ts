/**
 * The defects a new user's walk-through found (issue 16), each as the user meets it.
 */
import { expect, test, type Page } from "@playwright/test";
import { FLOW_A, fillOrderForm, registerOrder, signedIn } from "./support";

const PHONE = { width: 390, height: 844 };
const menu = (page: Page) => page.getByRole("navigation", { name: "Menú principal" });

test("after any refusal the generation form shows the capacity the server refused against", async ({ browser }) => {
  // Two windows of one buyer: the first shows the capacity as it was when the form opened…
  const buyer = await signedIn(browser, "bariones");
  await buyer.goto("/compras/generar");
  const shown = Number((await buyer.getByTestId("available-capacity").textContent())!.replace(/[^\d.]/g, ""));
  expect(shown).toBeGreaterThan(100);
  // …the second takes 50 gallons of it.
  const other = await signedIn(browser, "bariones");
  await registerOrder(other, { ...FLOW_A, volume: "50" });

  // The first window asks for more than is left but less than it shows: the screen lets it through,
  await buyer.getByLabel("Tipo de Agente Vendedor").selectOption({ label: FLOW_A.sellerType });
  const sellers = await buyer.getByLabel("Agente Vendedor", { exact: true }).locator("option").allTextContents();
  await buyer.getByLabel("Agente Vendedor", { exact: true }).selectOption({ label: sellers.find((name) => FLOW_A.seller.test(name))! });
  await buyer.getByLabel("Volumen Solicitado (galones)").fill(String(shown - 10));
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(buyer.getByRole("heading", { name: "Vista Previa" })).toBeFocused();
  await buyer.getByRole("button", { name: "Registrar Orden" }).click();
  // the server refuses it, and the box beside the form now says what the server said.
  const left = (shown - 50).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const summary = buyer.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText(`dispone de ${left} galones`);
  await expect(buyer.getByTestId("available-capacity")).toHaveText(`${left} galones`);
  await expect(buyer.getByLabel("Volumen Solicitado (galones)")).toHaveValue(String(shown - 10));
  // and the screen's own check now uses the current figure.
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(buyer.getByLabel("Volumen Solicitado (galones)")).toHaveAccessibleDescription(new RegExp(`Supera su capacidad de compra disponible \\(${left.replace(".", "\\.")} galones\\)`));
});

test("'No encontrado' inside the portal draws the frame once", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  for (const path of ["/ordenes/00000000000", "/ordenes/00000000000/movimientos", "/esta-pagina-no-existe"]) {
    await buyer.goto(path);
    await expect(buyer.getByRole("heading", { name: "No encontrado" }), path).toBeVisible();
    await expect(buyer.getByRole("main"), path).toHaveCount(1);
    await expect(buyer.getByRole("banner"), path).toHaveCount(1);
    await expect(menu(buyer), path).toHaveCount(1);
    await expect(buyer.getByRole("button", { name: "Cerrar Sesión" }), path).toHaveCount(1);
  }
});

test("choosing the generation screen in the menu after 'Orden de pedido registrada.' gives a new form", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "20" });
  await expect(buyer.getByText("Orden de pedido registrada.")).toBeVisible();
  await menu(buyer).getByRole("link", { name: "Generación de Orden de Pedido Simple - Granel" }).click();
  await expect(buyer.getByLabel("Volumen Solicitado (galones)")).toHaveValue("");
  await expect(buyer.getByText(code)).toHaveCount(0);
  await expect(buyer.getByText("Orden de pedido registrada.")).toHaveCount(0);
});

test("a count is said in its number on the operator's and seller's home", async ({ browser }) => {
  for (const [user, singular, plural] of [
    ["operador", "orden vendida por despachar", "órdenes vendidas por despachar"],
    ["vendedor", "orden por atender (SOLICITADO)", "órdenes por atender (SOLICITADO)"],
  ] as const) {
    const page = await signedIn(browser, user);
    const text = (await page.getByText(/^Tiene /).textContent())!;
    const count = Number(/^Tiene (\d+) /.exec(text)![1]);
    expect(text).toBe(`Tiene ${count} ${count === 1 ? singular : plural}.`);
  }
});

test("Movimientos' sort select is labelled 'Orden'", async ({ browser }) => {
  const regulator = await signedIn(browser, "regulador");
  await regulator.goto("/regulador/movimientos");
  await regulator.getByLabel("Orden", { exact: true }).selectOption({ label: "Más antiguas primero" });
  await regulator.getByRole("button", { name: "Buscar" }).click();
  await expect(regulator).toHaveURL(/sort=antiguas/);
});

test("on a phone, orders and lots are cards: codes, plates, quantities and actions without sideways scrolling", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  await buyer.setViewportSize(PHONE);
  const inside = async (locator: ReturnType<Page["locator"]>) => {
    const box = (await locator.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
  };
  const pageWidth = () => buyer.evaluate(() => document.documentElement.scrollWidth);

  await buyer.goto("/compras/cierre");
  const card = buyer.getByRole("table", { name: /^Órdenes por cerrar/ }).locator("tbody tr").first();
  await inside(card.getByRole("link", { name: "Ver Detalle" }));
  await inside(card.locator("td").first());
  expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);

  // The detail of an order sold in two lots: each lot's number, plate and quantities on screen.
  await card.getByRole("link", { name: "Ver Detalle" }).click();
  const code = buyer.url().split("/").pop()!;
  await buyer.goto(`/ordenes/${code}`);
  const lots = buyer.getByRole("table", { name: "Lotes de la orden" }).locator("tbody tr");
  for (const lot of await lots.all()) {
    for (const cell of await lot.locator("td").all()) await inside(cell);
  }
  expect(await pageWidth()).toBeLessThanOrEqual(PHONE.width);
});

test("on a phone the menu is a button that opens the manual's groups", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  await buyer.setViewportSize(PHONE);
  await buyer.goto("/ordenes");
  const nav = menu(buyer);
  expect((await nav.boundingBox())!.height).toBeLessThan(70);
  await expect(nav.getByRole("link", { name: "Cierre de Orden de Pedido" })).toBeHidden();
  const button = nav.getByRole("button", { name: /Menú/ });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  for (const [group, link] of [
    ["Compras", "Generación de Orden de Pedido Simple - Granel"],
    ["Consulta", "Orden de Pedido"],
    ["Anular", "Corrección de Orden de Pedido: Anulación de Transacciones"],
    ["Cerrar", "Cierre de Orden de Pedido"],
  ]) {
    await expect(nav.getByRole("list", { name: group }).getByRole("link", { name: link, exact: true })).toBeVisible();
  }
  await expect(nav.getByRole("link", { name: "Orden de Pedido", exact: true })).toHaveAttribute("aria-current", "page");
  await buyer.keyboard.press("Escape");
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.click();
  await nav.getByRole("link", { name: "Cierre de Orden de Pedido" }).click();
  await expect(buyer.getByRole("heading", { name: "Cierre de Orden de Pedido" })).toBeVisible();
  await expect(button).toHaveAttribute("aria-expanded", "false");
});

test("Anulación finds an order by its code, and refuses a mistyped one", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "15" });
  await menu(buyer).getByRole("link", { name: "Corrección de Orden de Pedido: Anulación de Transacciones" }).click();
  await buyer.getByLabel("Código de Autorización").fill(code);
  await buyer.getByRole("button", { name: "Buscar" }).click();
  const rows = buyer.getByRole("table", { name: "Órdenes en estado SOLICITADO" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(code);
  const mistyped = code.slice(0, 10) + ((Number(code[10]) + 1) % 10);
  await buyer.getByLabel("Código de Autorización").fill(mistyped);
  await buyer.getByRole("button", { name: "Buscar" }).click();
  await expect(buyer.getByLabel("Código de Autorización")).toHaveAccessibleDescription(/dígito verificador/);
});

test("Ver Mov. says what each movement recorded", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  await buyer.goto("/ordenes");
  const closed = buyer.getByRole("table", { name: "Órdenes de pedido" }).locator("tbody tr", { hasText: "CERRADO" }).first();
  await closed.getByRole("link", { name: "Ver Mov." }).click();
  const rows = buyer.getByRole("table", { name: "Movimientos de la orden" }).locator("tbody tr");
  await expect(rows.filter({ hasText: "SOLICITADO" }).locator("td").nth(3)).toContainText(/Volumen solicitado: [\d,.]+ gal/);
  await expect(rows.filter({ hasText: "ACEPTADO/VENDIDO" }).locator("td").nth(3)).toContainText(/Lote 1: [\d,.]+ gal vendidos · placa [A-Z0-9]{3}-[A-Z0-9]{3}/);
  await expect(rows.filter({ hasText: "CERRADO" }).locator("td").nth(3)).toContainText(/Lote 1: [\d,.]+ gal recibidos/);

  await buyer.goto("/ordenes");
  const rejected = buyer.getByRole("table", { name: "Órdenes de pedido" }).locator("tbody tr", { hasText: "RECHAZADO" });
  const details: string[] = [];
  for (const row of await rejected.all()) {
    const code = (await row.locator("td").first().textContent())!.trim();
    const page = await buyer.context().newPage();
    await page.goto(`/ordenes/${code}/movimientos`);
    details.push(await page.getByRole("table", { name: "Movimientos de la orden" }).locator("tbody tr", { hasText: "RECHAZADO" }).locator("td").nth(3).innerText());
    await page.close();
  }
  expect(details.some((detail) => detail.startsWith("Motivo: El pedido ya no es necesario"))).toBe(true);
  expect(details.some((detail) => detail.includes("Cierre con todos los lotes rechazados") && detail.includes("Lote 1: rechazado"))).toBe(true);
});

test("a negative volume is told it must be greater than zero, text that it must be a number", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const volume = buyer.getByLabel("Volumen Solicitado (galones)");
  await fillOrderForm(buyer, { ...FLOW_A, volume: "-50" });
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(volume).toHaveAccessibleDescription(/El volumen solicitado debe ser mayor que cero\./);
  await volume.fill("abc");
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(volume).toHaveAccessibleDescription(/El volumen solicitado debe ser un número en galones/);
});

test("a deep link sends an anonymous user to sign in saying why, and back afterwards", async ({ page }) => {
  await page.goto("/ordenes?code=60020060393");
  await expect(page).toHaveURL(/\/ingresar\?next=/);
  await expect(page.getByRole("status").filter({ hasText: "Inicie sesión para continuar." })).toBeVisible();
  await page.getByLabel("Usuario").fill("comprador");
  await page.getByLabel("Contraseña").fill("Scop-Demo-2026");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page).toHaveURL(/\/ordenes\?code=60020060393$/);

  const fresh = await (await page.context().browser()!.newContext()).newPage();
  await fresh.goto("/ingresar");
  await expect(fresh.getByText("Inicie sesión para continuar.")).toHaveCount(0);
});
