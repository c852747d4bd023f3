import { expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { test } from "@playwright/test";
import { generate } from "otplib";
import { addLimaDays, limaDay } from "@/lib/time";

export const DEMO_PASSWORD = "Scop-Demo-2026";

/** lib/seed/demo-agents.ts DEMO_TOTP_SECRET: the demo regulator's and administrator's second factor. */
export const DEMO_TOTP_SECRET = "KRSXG5CTINHVAR2MKBCW2T3TMVRXEZLU";

export function totpCode(secret = DEMO_TOTP_SECRET): Promise<string> {
  return generate({ secret });
}

/** Lima's calendar day `daysAgo` days before today by the clock (what the server calls today), 'YYYY-MM-DD'. */
export function limaToday(daysAgo = 0): string {
  return addLimaDays(limaDay(new Date()), -daysAgo);
}

/**
 * The demo data's day `daysAgo` days before the day its seed counted from: playwright.config.ts
 * pins that day (SCOP_DEMO_DAY) for both databases, so a run that crosses Lima's midnight still
 * finds "three days ago" where the seed put it.
 */
export function demoDay(daysAgo = 0): string {
  const day = process.env.SCOP_DEMO_DAY;
  if (!day) throw new Error("SCOP_DEMO_DAY no está definida: playwright.config.ts la fija para la siembra y las pruebas.");
  return addLimaDays(day, -daysAgo);
}

/**
 * Types the second-factor code and submits it. A code is accepted once (RFC 6238 §5.2): when this
 * user already signed in during the current 30-second step, the code is refused, and this waits
 * for the next step and types that one.
 */
export async function enterOtp(page: Page, secret = DEMO_TOTP_SECRET): Promise<void> {
  const otp = page.getByLabel("Código de verificación");
  const refused = page.locator("form [role=alert]").filter({ hasText: "El código de verificación no es válido" });
  const left = () => !new URL(page.url()).pathname.startsWith("/ingresar");
  for (let attempt = 1; ; attempt++) {
    const step = Math.floor(Date.now() / 30_000);
    await otp.fill(await generate({ secret, epoch: step * 30 }));
    await page.getByRole("button", { name: "Verificar" }).click();
    await expect.poll(async () => left() || (await refused.isVisible()), { timeout: 30_000 }).toBe(true);
    if (left()) return;
    expect(attempt, "el código de verificación fue rechazado también en el paso siguiente").toBeLessThan(3);
    await page.waitForTimeout((step + 1) * 30_000 - Date.now() + 200);
  }
}

/**
 * Waits until React has hydrated the page. Next.js's App Router adds its route announcer from an
 * effect of the root's first commit, and the portal has no Suspense boundary (checked in
 * accessibility.spec.ts), so the whole page is hydrated by then; two frames let the effects'
 * own updates render. Across every screen of both viewports the DOM at this point was the DOM
 * after the network had gone quiet, 0.2 s after the load instead of 0.65 s.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector("next-route-announcer") !== null);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

/** Signed-in sessions of this run, by server and user: signing in again costs a second-factor step. */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

/**
 * A signed-in page in its own browser context, so several users can act in one test. A user
 * signed in before in this run reuses that session (its cookie) while it is still good; a test
 * that signs it out or changes its password just makes the next call sign in again. `options`:
 * the context's, e.g. a phone's viewport.
 */
export async function signedIn(browser: Browser, username: string, options: BrowserContextOptions = {}): Promise<Page> {
  const baseURL = test.info().project.use.baseURL ?? "";
  const key = `${baseURL} ${username}`;
  const welcome = (page: Page) => page.getByRole("heading", { name: /Bienvenido/ });
  const cached = sessions.get(key);
  if (cached) {
    const context = await browser.newContext({ ...options, storageState: cached });
    const page = await context.newPage();
    await page.goto("/");
    if (!new URL(page.url()).pathname.startsWith("/ingresar") && (await welcome(page).isVisible())) return page;
    sessions.delete(key);
    await context.close();
  }
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto("/ingresar");
  await page.getByLabel("Usuario").fill(username);
  await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingresar" }).click();
  const otp = page.getByLabel("Código de verificación");
  await expect(welcome(page).or(otp)).toBeVisible();
  if (await otp.isVisible()) await enterOtp(page);
  await expect(welcome(page)).toBeVisible();
  sessions.set(key, await context.storageState());
  return page;
}

export interface OrderSpec {
  sellerType: "Planta Envasadora" | "Distribuidor a Granel" | "Productor / Comercializador";
  seller: RegExp;
  plant?: RegExp;
  volume: string;
}

async function selectByText(page: Page, label: string, text: RegExp) {
  const select = page.getByLabel(label, { exact: true });
  const options = await select.locator("option").allTextContents();
  const match = options.find((option) => text.test(option));
  expect(match, `opción ${text} en ${label}`).toBeTruthy();
  await select.selectOption({ label: match! });
}

export async function fillOrderForm(page: Page, spec: OrderSpec) {
  await page.goto("/compras/generar");
  await page.getByLabel("Tipo de Agente Vendedor").selectOption({ label: spec.sellerType });
  await selectByText(page, "Agente Vendedor", spec.seller);
  if (spec.plant) await selectByText(page, "Planta de Abastecimiento", spec.plant);
  await page.getByLabel("Volumen Solicitado (galones)").fill(spec.volume);
  await page.getByLabel("Número de Orden de Compra (opcional)").fill("OC-2026-118");
}

/** "Generación de Orden de Pedido" → "Vista Previa" → "Registrar Orden"; returns the code shown. */
export async function registerOrder(page: Page, spec: OrderSpec): Promise<string> {
  await fillOrderForm(page, spec);
  await page.getByRole("button", { name: "Vista Previa" }).click();
  await expect(page.getByRole("heading", { name: "Vista Previa" })).toBeVisible();
  await page.getByRole("button", { name: "Registrar Orden" }).click();
  const code = (await page.getByTestId("authorization-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^\d{11}$/);
  return code;
}

/** Opens "Ver Mov." and returns the states listed, in order. */
export async function movementStates(page: Page, code: string): Promise<string[]> {
  await page.goto(`/ordenes/${code}/movimientos`);
  const rows = page.getByRole("table", { name: "Movimientos de la orden" }).locator("tbody tr");
  const states = await rows.locator("td:nth-child(2)").allTextContents();
  return states.map((state) => state.trim());
}

export const FLOW_A = { sellerType: "Planta Envasadora", seller: /Fermiones/ } as const;
export const FLOW_B = { sellerType: "Productor / Comercializador", seller: /Gluones/, plant: /Leptones/ } as const;

const menu = (page: Page, name: string) => page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name }).click();

export interface SoldLot {
  volume: string;
  plate: string;
  guia: string;
  factura: string;
}

/** The seller: "Órdenes por Atender" → "Registrar Venta" with its lots → "Vista Previa" → confirm. */
export async function sell(page: Page, code: string, lots: SoldLot[]) {
  await menu(page, "Órdenes por Atender");
  await expect(page).toHaveURL(/\/ventas$/);
  const row = page.locator("tr", { hasText: code });
  await row.getByRole("link", { name: "Registrar Venta" }).click();
  for (const [i, lot] of lots.entries()) {
    if (i > 0) await page.getByRole("button", { name: "Agregar Lote" }).click();
    await page.getByLabel("Cantidad Vendida (gal)").nth(i).fill(lot.volume);
    await page.getByLabel("Placa de la Cisterna").nth(i).fill(lot.plate);
    await page.getByLabel("Guía de Remisión").nth(i).fill(lot.guia);
    await page.getByLabel("Factura").nth(i).fill(lot.factura);
  }
  await page.getByRole("button", { name: "Vista Previa" }).click();
  await page.getByRole("button", { name: "Registrar Venta" }).click();
  // Wait for the answer: the next step (another user's page) must see the sale committed.
  await expect(page.getByText("Venta registrada.")).toBeVisible();
}

