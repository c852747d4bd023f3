/**
 * Both flows done with the keyboard alone (WCAG 2.1.1): Tab to each control, type, Enter. Every
 * tab stop shows its focus ring (2.4.7); a refusal moves the focus to the error summary, which is
 * announced (role="alert"); the confirmation dialog keeps the focus inside and gives it back.
 */
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, totpCode } from "./support";
import { wcagViolations } from "./axe";

/** The focused element shows a focus ring of at least 2 px. */
async function expectFocusRing(page: Page) {
  const focused = await page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    return {
      element: `${element.tagName} «${(element.getAttribute("aria-label") ?? element.textContent ?? "").trim().slice(0, 40)}»`,
      ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    };
  });
  if (focused) expect(focused.ring, `anillo de foco visible en ${focused.element}`).toBe(true);
}

/** Presses Tab until `target` has the focus, checking the focus ring at every stop. */
async function tabTo(page: Page, target: Locator, max = 120) {
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
    await expectFocusRing(page);
  }
  throw new Error(`Tab no llegó a ${target}`);
}

/** A <select> chosen with the arrow keys. */
async function choose(page: Page, select: Locator, option: RegExp) {
  await tabTo(page, select);
  for (let presses = 0; presses < 40; presses++) {
    const chosen = await select.evaluate((element: HTMLSelectElement) => element.selectedOptions[0]?.textContent ?? "");
    if (option.test(chosen)) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`no se encontró la opción ${option}`);
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

async function press(page: Page, control: Locator) {
  await tabTo(page, control);
  await page.keyboard.press("Enter");
}

async function signInByKeyboard(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/ingresar");
  await typeInto(page, page.getByLabel("Usuario"), username);
  await typeInto(page, page.getByLabel("Contraseña"), DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  const welcome = page.getByRole("heading", { name: /Bienvenido/ });
  const otp = page.getByLabel("Código de verificación");
  await expect(welcome.or(otp)).toBeVisible();
  if (await otp.isVisible()) {
    await expect(otp).toBeFocused();
    await page.keyboard.type(await totpCode());
    await page.keyboard.press("Enter");
  }
  await expect(welcome).toBeVisible();
  return page;
}

const menuLink = (page: Page, name: string) => page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name, exact: true });

/** Generation with the keyboard, passing through a refusal first; returns the code. */
async function generateByKeyboard(page: Page, seller: { type: RegExp; name: RegExp; plant?: RegExp }, volume: string): Promise<string> {
  await press(page, menuLink(page, "Generación de Orden de Pedido Simple - Granel"));
  await expect(page.getByRole("heading", { name: "Generación de Orden de Pedido Simple - Granel" })).toBeVisible();
  // "Vista Previa" with nothing chosen: the summary takes the focus and is announced.
  await press(page, page.getByRole("button", { name: "Vista Previa" }));
  const summary = page.getByTestId("error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toHaveAttribute("role", "alert");
  expect(await wcagViolations(page, "generación con errores")).toEqual([]);
  // Its first link takes the focus to the first field in error.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Tipo de Agente Vendedor")).toBeFocused();

  await choose(page, page.getByLabel("Tipo de Agente Vendedor"), seller.type);
  await choose(page, page.getByLabel("Agente Vendedor", { exact: true }), seller.name);
  if (seller.plant) await choose(page, page.getByLabel("Planta de Abastecimiento"), seller.plant);
  await typeInto(page, page.getByLabel("Volumen Solicitado (galones)"), volume);
  await press(page, page.getByRole("button", { name: "Vista Previa" }));
  await expect(page.getByRole("heading", { name: "Vista Previa" })).toBeFocused();
  expect(await wcagViolations(page, "vista previa de la generación")).toEqual([]);
  await press(page, page.getByRole("button", { name: "Registrar Orden" }));
  await expect(page.getByText("Orden de pedido registrada.")).toBeVisible();
  const code = (await page.getByTestId("authorization-code").textContent())!.trim();
  expect(code).toMatch(/^\d{11}$/);
  return code;
}

/** The seller's sale of one lot on one of its registered trucks, with the keyboard. */
async function sellByKeyboard(page: Page, code: string, volume: string, plate: string) {
  await press(page, menuLink(page, "Órdenes por Atender"));
  await press(page, page.locator("tr", { hasText: code }).getByRole("link", { name: "Registrar Venta" }));
  await typeInto(page, page.getByLabel("Cantidad Vendida (gal)"), volume);
  await typeInto(page, page.getByLabel("Placa de la Cisterna"), plate);
  await typeInto(page, page.getByLabel("Guía de Remisión"), "T001-00045678");
  await typeInto(page, page.getByLabel("Factura"), "F001-00009876");
  await press(page, page.getByRole("button", { name: "Vista Previa" }));
  await press(page, page.getByRole("button", { name: "Registrar Venta" }));
  await expect(page.getByText("Venta registrada.")).toBeVisible();
}

/** The buyer's closure, everything received, with the keyboard. */
async function closeByKeyboard(page: Page, code: string, received: string) {
  await press(page, menuLink(page, "Cierre de Orden de Pedido"));
  await press(page, page.locator("tr", { hasText: code }).getByRole("link", { name: "Ver Detalle" }));
  await typeInto(page, page.getByLabel("Cantidad Recibida del lote 1"), received);
  await press(page, page.getByRole("button", { name: "Vista Previa" }));
  await press(page, page.getByRole("button", { name: "Registrar Cierre" }));
  await expect(page.getByText(`Cierre registrado: la orden ${code} se encuentra en estado CERRADO.`)).toBeVisible();
}

test("flow a with the keyboard alone: generation, sale, closure", async ({ browser }) => {
  const buyer = await signInByKeyboard(browser, "comprador");
  const code = await generateByKeyboard(buyer, { type: /^Planta Envasadora$/, name: /Fermiones/ }, "120");
  const seller = await signInByKeyboard(browser, "vendedor");
  await sellByKeyboard(seller, code, "120", "C4F-721");
  await closeByKeyboard(buyer, code, "120");
});

test("flow b with the keyboard alone: generation, sale, dispatch, closure", async ({ browser }) => {
  const buyer = await signInByKeyboard(browser, "comprador");
  const code = await generateByKeyboard(buyer, { type: /Productor \/ Comercializador/, name: /Gluones/, plant: /Leptones/ }, "90");
  const seller = await signInByKeyboard(browser, "comercializador");
  await sellByKeyboard(seller, code, "90", "T8A-870");

  const operator = await signInByKeyboard(browser, "operador");
  await press(operator, menuLink(operator, "Despachos por Registrar"));
  await press(operator, operator.locator("tr", { hasText: code }).getByRole("link", { name: "Registrar Despacho" }));
  await press(operator, operator.getByRole("button", { name: "Vista Previa" }));
  await press(operator, operator.getByRole("button", { name: "Registrar Despacho" }));
  await expect(operator.getByText(/Despacho registrado/)).toBeVisible();

  await closeByKeyboard(buyer, code, "90");
});

test("the annulment dialog keeps the focus inside, Escape gives it back, Enter annuls", async ({ browser }) => {
  const buyer = await signInByKeyboard(browser, "comprador");
  const code = await generateByKeyboard(buyer, { type: /^Planta Envasadora$/, name: /Fermiones/ }, "30");
  await press(buyer, menuLink(buyer, "Corrección de Orden de Pedido: Anulación de Transacciones"));
  await typeInto(buyer, buyer.getByLabel("Código de Autorización"), code);
  await buyer.keyboard.press("Enter");
  const annul = buyer.getByRole("button", { name: `Anular ${code}` });
  await press(buyer, annul);

  const dialog = buyer.getByRole("alertdialog", { name: "Anular orden de pedido" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Aceptar" })).toBeFocused();
  expect(await wcagViolations(buyer, "diálogo de anulación")).toEqual([]);
  // However often Tab is pressed, the focus stays in the dialog (the page behind is inert).
  for (let presses = 0; presses < 5; presses++) {
    await buyer.keyboard.press("Tab");
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await expectFocusRing(buyer);
  }
  await buyer.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(annul).toBeFocused();

  await buyer.keyboard.press("Enter");
  await expect(dialog.getByRole("button", { name: "Aceptar" })).toBeFocused();
  await buyer.keyboard.press("Enter");
  const done = buyer.getByText(`El Código de Autorización ${code} se encuentra en estado ANULADO.`);
  await expect(done).toBeVisible();
  expect(await done.evaluate((element) => element.closest("[tabindex='-1']") === document.activeElement)).toBe(true);
});
