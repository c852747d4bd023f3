/**
 * axe-core on every screen of every role, on a desktop and on a 390 px phone: zero violations of
 * WCAG 2.0, 2.1 and 2.2, levels A and AA. The screens come from the data, not from a list kept by
 * hand: each role's menu (lib/navigation.ts), and every page.tsx under app/, so a screen that
 * lands later is audited too; a page that no menu reaches (a detail page, a form of its own) needs
 * a line in SCREENS below saying who opens it and with which order: the first test fails until
 * it has one. Detail pages are visited with a real order of each state (the demo data has them).
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { MENU } from "../../lib/navigation";
import { wcagViolations, type Finding } from "./axe";
import { hydrated, signedIn } from "./support";

const VIEWPORTS = {
  escritorio: { width: 1280, height: 800 },
  teléfono: { width: 390, height: 844 },
} as const;

type User = "anonimo" | "comprador" | "vendedor" | "operador" | "regulador" | "admin";
const ROLE_USERS: Record<keyof typeof MENU, Exclude<User, "anonimo">> = {
  COMPRADOR: "comprador",
  VENDEDOR: "vendedor",
  OPERADOR_PLANTA: "operador",
  REGULADOR: "regulador",
  ADMINISTRADOR: "admin",
};

const STATES = ["SOLICITADO", "ACEPTADO/VENDIDO", "POR CERRAR", "CERRADO", "ANULADO", "RECHAZADO"] as const;

/** The buyer's orders by the state its list shows: one real order of each state. */
async function ordersByState(page: Page): Promise<Record<string, string>> {
  await page.goto("/ordenes");
  const rows = page.getByRole("table", { name: "Órdenes de pedido" }).locator("tbody tr");
  const found: Record<string, string> = {};
  for (const row of await rows.all()) {
    const code = (await row.locator("td").first().textContent())!.trim();
    const state = (await row.locator("td").nth(5).textContent())!.trim();
    found[state] ??= code;
  }
  for (const state of STATES) expect(found[state], `una orden ${state} del comprador en los datos de demostración`).toBeTruthy();
  return found;
}

/** The first link named `name` in the list at `list`. */
async function firstLink(page: Page, list: string, name: string | RegExp): Promise<string> {
  await page.goto(list);
  const href = await page.getByRole("link", { name, exact: typeof name === "string" }).first().getAttribute("href");
  expect(href, `un enlace «${name}» en ${list}`).toBeTruthy();
  return href!;
}

/** The buyer's first webhook endpoint, registered on its screen if it has none (the e2e server lets it point at loopback). */
async function webhookEndpoint(page: Page): Promise<string> {
  await page.goto("/webhooks");
  const link = page.getByRole("link", { name: /^Ver entregas de / }).first();
  if ((await link.count()) === 0) {
    await page.getByLabel("URL (HTTPS)").fill(`http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 6}/accesibilidad`);
    await page.getByRole("button", { name: "Registrar webhook" }).click();
    await expect(page.getByTestId("webhook-secret")).toBeVisible();
    await page.goto("/webhooks");
  }
  return (await link.getAttribute("href"))!;
}

type Resolve = (page: Page, orders: Record<string, string>) => Promise<string[]>;

/**
 * The pages no menu leads to, by route (as under app/, without route groups): who opens them and
 * which addresses. Menu pages need no line here.
 */
const SCREENS: Record<string, { user: User; urls: Resolve }> = {
  "/ingresar": { user: "anonimo", urls: async () => ["/ingresar", "/ingresar?next=%2Fordenes"] },
  "/contacto": { user: "anonimo", urls: async () => ["/contacto"] },
  "/api-docs": { user: "anonimo", urls: async () => ["/api-docs"] },
  "/no-autorizado": { user: "vendedor", urls: async () => ["/no-autorizado"] },
  "/ordenes/[code]": { user: "comprador", urls: async (_, orders) => [...Object.values(orders).map((code) => `/ordenes/${code}`), "/ordenes/00000000000"] },
  "/ordenes/[code]/movimientos": { user: "comprador", urls: async (_, orders) => Object.values(orders).map((code) => `/ordenes/${code}/movimientos`) },
  "/compras/cierre/[code]": { user: "comprador", urls: async (_, orders) => [`/compras/cierre/${orders["POR CERRAR"]}`, `/compras/cierre/${orders.CERRADO}`] },
  "/compras/rechazo/[code]": { user: "comprador", urls: async (_, orders) => [`/compras/rechazo/${orders["POR CERRAR"]}`, `/compras/rechazo/${orders.CERRADO}`] },
  "/ventas/[code]": { user: "vendedor", urls: async (page) => [await firstLink(page, "/ventas", "Registrar Venta")] },
  "/despachos/[code]": { user: "operador", urls: async (page) => [await firstLink(page, "/despachos", "Registrar Despacho")] },
  "/registro/[id]": { user: "admin", urls: async (page) => [await firstLink(page, "/registro", /^Ver Detalle de /)] },
  "/registro/nuevo": { user: "admin", urls: async () => ["/registro/nuevo"] },
  "/notificaciones": { user: "comprador", urls: async () => ["/notificaciones"] },
  "/notificaciones/preferencias": { user: "comprador", urls: async () => ["/notificaciones/preferencias"] },
  "/webhooks/[id]": { user: "comprador", urls: async (page) => [await webhookEndpoint(page)] },
  "/registro/importar": { user: "admin", urls: async () => ["/registro/importar"] },
  "/cisternas/[id]": { user: "admin", urls: async (page) => [await firstLink(page, "/cisternas", /^Ver Detalle de /)] },
  "/cisternas/nueva": { user: "admin", urls: async () => ["/cisternas/nueva"] },
  "/cisternas/importar": { user: "admin", urls: async () => ["/cisternas/importar"] },
  // the public verification: a code of each state and a registered plate, without signing in
  "/verificar": {
    user: "anonimo",
    urls: async (_, orders) => ["/verificar", `/verificar?codigo=${orders.CERRADO}`, `/verificar?codigo=${orders["POR CERRAR"]}`, "/verificar?placa=B7M-312"],
  },
};

/** Menu pages whose content depends on the role (its home, its own orders, its keys, a second factor required or not). */
const PER_ROLE = new Set(["/", "/ordenes", "/claves-api", "/cuenta/seguridad"]);

/** Extra addresses of menu pages: their states with results (a verified code of each state). */
const MENU_EXTRAS: Record<string, { user: User; urls: Resolve }> = {
  "/verificacion": { user: "regulador", urls: async (_, orders) => [...Object.values(orders).map((code) => `/verificacion?code=${code}`), "/verificacion?code=12345"] },
  "/ordenes": { user: "comprador", urls: async (_, orders) => [`/ordenes?code=${orders.CERRADO}`] },
};

/** Every page under app/ as a route: "app/(portal)/ordenes/[code]/page.tsx" → "/ordenes/[code]". */
function appRoutes(dir = path.resolve("app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry.startsWith("_") || entry === "api") continue;
      routes.push(...appRoutes(full, /^\(.*\)$/.test(entry) ? prefix : `${prefix}/${entry}`));
    } else if (entry === "page.tsx") {
      routes.push(prefix || "/");
    }
  }
  return routes;
}

const menuRoutes = new Set(Object.values(MENU).flatMap((items) => items.map((item) => item.href)));

test("every screen under app/ is reached by a menu or by a line of SCREENS", () => {
  const uncovered = appRoutes().filter((route) => !menuRoutes.has(route) && !SCREENS[route]);
  expect(uncovered, "pantallas sin auditoría de accesibilidad: agréguelas a SCREENS").toEqual([]);
});

/** Every source file under the folders the screens are built from. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(entry) ? [full] : [];
  });
}

test("the screens hydrate in one pass and have no frame, as the audit's wait and axe's mode assume", () => {
  const files = ["app", "components"].flatMap((dir) => sourceFiles(path.resolve(dir)));
  const offending = files.filter(
    (file) => path.basename(file) === "loading.tsx" || /<Suspense\b|next\/dynamic|React\.lazy|<iframe\b|<frame\b/.test(readFileSync(file, "utf8")),
  );
  // A Suspense boundary (or a lazily loaded component, which has one) hydrates after the route
  // announcer appears: hydrated() in ./support would hand over a half-hydrated page. A frame
  // needs axe's default mode (wcagViolations in ./axe).
  expect(offending.map((file) => path.relative(process.cwd(), file))).toEqual([]);
});

test("the audit finds the violations it is there to find on a real screen", async ({ page }) => {
  await page.goto("/ingresar");
  await hydrated(page);
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.insertAdjacentHTML(
      "beforeend",
      `<img src="/favicon.ico"><input type="text"><p style="color:#bbb;background:#fff">Texto de poco contraste</p>`,
    );
  });
  const rules = (await wcagViolations(page, "/ingresar con defectos")).map((finding) => finding.rule).sort();
  expect(rules).toEqual(["color-contrast", "image-alt", "label"]);
});

/** Nothing wider than the screen: no sideways scrolling of the page itself. */
async function overflow(page: Page, where: string): Promise<Finding[]> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  return scrollWidth > innerWidth ? [{ where, rule: "page-overflow", help: `La página mide ${scrollWidth} px en una pantalla de ${innerWidth} px.`, nodes: [] }] : [];
}

async function pageFor(browser: Browser, user: User, viewport: { width: number; height: number }): Promise<Page> {
  const page = user === "anonimo" ? await (await browser.newContext()).newPage() : await signedIn(browser, user);
  await page.setViewportSize(viewport);
  return page;
}

for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
  test(`axe finds no WCAG 2.2 AA violation on any screen (${viewportName})`, async ({ browser }) => {
    test.setTimeout(600_000);
    const buyer = await pageFor(browser, "comprador", viewport);
    const orders = await ordersByState(buyer);
    const pages = new Map<User, Page>([["comprador", buyer]]);
    // Every role's menu pages as that role, then the pages no menu reaches, and an address that
    // is no screen at all. A page that shows every role the same thing (Tablero for the regulator
    // and the administrator, Contacto) is audited for the first role that has it; one that shows
    // each role its own (PER_ROLE) for each.
    const visits: { user: User; url: string }[] = [];
    for (const [role, items] of Object.entries(MENU) as [keyof typeof MENU, (typeof MENU)[keyof typeof MENU]][]) {
      for (const item of items) {
        if (PER_ROLE.has(item.href) || !visits.some((visit) => visit.url === item.href)) visits.push({ user: ROLE_USERS[role], url: item.href });
      }
    }
    for (const { user, urls } of [...Object.values(MENU_EXTRAS), ...Object.values(SCREENS)]) {
      const page = pages.get(user) ?? (await pageFor(browser, user, viewport));
      pages.set(user, page);
      for (const url of await urls(page, orders)) visits.push({ user, url });
    }
    visits.push({ user: "comprador", url: "/no-existe" });

    // Every screen is audited before the test fails, so one run lists everything to fix.
    const findings: Finding[] = [];
    const audited = new Set<string>();
    for (const { user, url } of visits) {
      const key = `${user} ${url}`;
      if (audited.has(key)) continue;
      audited.add(key);
      const page = pages.get(user) ?? (await pageFor(browser, user, viewport));
      pages.set(user, page);
      const started = Date.now();
      await page.goto(url);
      await hydrated(page);
      const where = `${url} (${user}, ${viewportName})`;
      findings.push(...(await wcagViolations(page, where)));
      if (viewport.width < 768) findings.push(...(await overflow(page, where)));
      if (process.env.AXE_TIMINGS) console.log(`${where}: ${Date.now() - started} ms`);
    }
    // The phone's menu, open, for each role.
    if (viewport.width < 768) {
      for (const user of Object.values(ROLE_USERS)) {
        const page = pages.get(user) ?? (await pageFor(browser, user, viewport));
        pages.set(user, page);
        await page.goto("/");
        await page.getByRole("navigation", { name: "Menú principal" }).getByRole("button", { name: /Menú/ }).click();
        await expect(page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Contacto" })).toBeVisible();
        findings.push(...(await wcagViolations(page, `menú abierto (${user}, ${viewportName})`)));
      }
    }
    console.log(`${audited.size} pantallas auditadas (${viewportName})`);
    expect(findings, "violaciones de WCAG 2.2 AA (axe) o páginas más anchas que la pantalla").toEqual([]);
  });
}
