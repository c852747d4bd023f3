/**
 * `npm run screenshots`: signs in as each demo role against a running portal (BASE_URL, default
 * http://127.0.0.1:3000) and saves a full-page screenshot of every screen, desktop and phone
 * width, into screenshots/. For looking at the screens, not a test.
 */
import { mkdirSync } from "node:fs";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_TOTP_SECRET } from "@/lib/seed/demo-agents";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const PASSWORD = "Scop-Demo-2026";
const OUT = "screenshots";

const SCREENS: Record<string, string[]> = {
  anonimo: ["/ingresar", "/contacto"],
  comprador: ["/", "/compras/generar", "/ordenes", "/compras/anulacion", "/compras/cierre", "@cierre", "@detalle", "@movimientos", "@rechazo", "/no-autorizado"],
  vendedor: ["/", "/ventas", "@venta", "/ordenes"],
  comercializador: ["/ventas", "@venta"],
  operador: ["/", "/despachos", "@despacho", "/ordenes"],
  regulador: ["/", "/regulador/movimientos", "/regulador/movimientos?plate=F1X-710", "/regulador/tablero", "/regulador/cumplimiento", "/verificacion", "@verificacion", "/verificacion?code=60597068962", "/cisternas", "/auditoria"],
  admin: ["/registro", "/registro/nuevo", "@agente", "/registro/importar", "/cisternas", "/cisternas/nueva", "@cisterna", "/cisternas/importar", "/historico", "/usuarios", "/auditoria", "/cuenta/seguridad", "/cuenta/contrasena"],
};

/** Screens that need an order: the first one the list offers. */
async function resolve(page: Page, screen: string): Promise<string | null> {
  const firstLink = async (list: string, name: string) => {
    await page.goto(BASE_URL + list);
    const link = page.getByRole("link", { name, exact: true }).first();
    return (await link.count()) ? link.getAttribute("href") : null;
  };
  switch (screen) {
    case "@cierre":
      return firstLink("/compras/cierre", "Ver Detalle");
    case "@detalle":
      return firstLink("/ordenes", "Ver Detalle");
    case "@movimientos":
      return firstLink("/ordenes", "Ver Mov.");
    case "@rechazo": {
      const href = await firstLink("/compras/cierre", "Ver Detalle");
      return href?.replace("/compras/cierre/", "/compras/rechazo/") ?? null;
    }
    case "@venta":
      return firstLink("/ventas", "Registrar Venta");
    case "@despacho":
      return firstLink("/despachos", "Registrar Despacho");
    case "@agente": {
      await page.goto(`${BASE_URL}/registro?q=Kaones`);
      const link = page.getByRole("link", { name: /^Ver Detalle de / }).first();
      return (await link.count()) ? link.getAttribute("href") : null;
    }
    case "@cisterna": {
      await page.goto(`${BASE_URL}/cisternas?q=B7M-312`);
      const link = page.getByRole("link", { name: /^Ver Detalle de la cisterna / }).first();
      return (await link.count()) ? link.getAttribute("href") : null;
    }
    case "@verificacion":
      return null; // filled in by the loop with a code the buyer saw
    default:
      return screen;
  }
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
mkdirSync(OUT, { recursive: true });
let regulatorCode: string | null = null;
// one sign-in per user: a second-factor code is accepted once, so the phone reuses the session
const sessions = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();
for (const [user, screens] of Object.entries(SCREENS)) {
  for (const viewport of [
    { name: "escritorio", width: 1280, height: 800 },
    { name: "telefono", width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport, locale: "es-PE", timezoneId: "America/Lima", storageState: sessions.get(user) });
    const page = await context.newPage();
    if (user !== "anonimo" && !sessions.has(user)) {
      await page.goto(`${BASE_URL}/ingresar`);
      await page.getByLabel("Usuario").fill(user);
      await page.getByLabel("Contraseña").fill(PASSWORD);
      await page.getByRole("button", { name: "Ingresar" }).click();
      const otp = page.getByLabel("Código de verificación");
      await otp.or(page.getByRole("heading", { name: /Bienvenido/ })).waitFor();
      if (await otp.isVisible()) {
        // The demo regulator and administrator have the documented demo second factor.
        await otp.fill(await generate({ secret: DEMO_TOTP_SECRET }));
        await page.getByRole("button", { name: "Verificar" }).click();
      }
      await page.waitForURL(`${BASE_URL}/`);
      sessions.set(user, await context.storageState());
      if (user === "comprador" && !regulatorCode) {
        await page.goto(`${BASE_URL}/ordenes`);
        regulatorCode = (await page.locator("tbody tr td").first().textContent())?.trim().slice(0, 11) ?? null;
      }
    }
    for (const screen of screens) {
      let path = await resolve(page, screen);
      if (screen === "@verificacion" && regulatorCode) path = `/verificacion?code=${regulatorCode}`;
      if (!path) {
        console.log(`${user} ${screen}: nada que mostrar`);
        continue;
      }
      await page.goto(BASE_URL + path);
      await page.waitForLoadState("networkidle");
      const slug = screen === "/" ? "-inicio" : screen.startsWith("@") ? `-${screen.slice(1)}-resultado` : screen.replace(/[/?=]+/g, "-");
      const name = `${user}${slug}-${viewport.name}.png`;
      await page.screenshot({ path: `${OUT}/${name}`, fullPage: true });
      console.log(`${OUT}/${name}`);
    }
    await context.close();
  }
}
await browser.close();
