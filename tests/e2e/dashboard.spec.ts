import { expect, test, type Page } from "@playwright/test";
import { demoDay, limaToday, signedIn } from "./support";

const CHARTS = ["Volumen diario por tipo de agente", "Órdenes por estado", "Cierres tardíos por departamento", "Principales agentes por volumen"];

async function choosePeriod(page: Page, from: string, to: string) {
  await page.getByLabel("Fecha desde").fill(from);
  await page.getByLabel("Fecha hasta").fill(to);
  await page.getByRole("button", { name: "Consultar" }).click();
}

const metric = (page: Page, label: string) => page.getByRole("region", { name: /^Resumen/ }).locator("div").filter({ has: page.getByText(label, { exact: true }) });

test("the regulator's Tablero: four charts with the demo figures, a period that changes them, a period refused in Spanish", async ({ browser }) => {
  const regulator = await signedIn(browser, "regulador");
  await regulator.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Tablero" }).click();
  await expect(regulator.getByRole("heading", { name: "Tablero", level: 1 })).toBeVisible();

  // The last 30 days by default, and a chart (SVG) in each of the four sections.
  await expect(regulator.getByLabel("Fecha desde")).toHaveValue(limaToday(29));
  await expect(regulator.getByLabel("Fecha hasta")).toHaveValue(limaToday(0));
  for (const name of CHARTS) {
    await expect(regulator.getByRole("region", { name }).locator("svg.recharts-surface").first(), name).toBeVisible();
  }
  await expect(regulator.getByRole("region", { name: "Principales agentes por volumen" }).locator("svg.recharts-surface")).toHaveCount(2);
  // The demo seed's 18 orders (other tests may have added some today).
  const total = Number((await metric(regulator, "Órdenes registradas").locator("dd").first().textContent())?.replace(/\D/g, ""));
  expect(total).toBeGreaterThanOrEqual(18);

  // Six to three days ago holds only demo orders: 7 registered, one annulled; one late closure in Lima.
  await choosePeriod(regulator, demoDay(6), demoDay(3));
  await expect(regulator).toHaveURL(new RegExp(`from=${demoDay(6)}&to=${demoDay(3)}`));
  await expect(metric(regulator, "Órdenes registradas").locator("dd").first()).toHaveText("7");
  await expect(metric(regulator, "Volumen solicitado (sin anuladas)")).toContainText("27,800.00 gal");
  await expect(metric(regulator, "Cierres tardíos")).toContainText("1 de 6 órdenes cerradas");

  const states = regulator.getByRole("table", { name: /^Órdenes por estado/ });
  await expect(states.getByRole("row", { name: /CERRADO/ }).locator("td")).toHaveText("6 (85.7%)");
  await expect(states.getByRole("row", { name: /ANULADO/ }).locator("td")).toHaveText("1 (14.3%)");
  await expect(states.getByRole("row", { name: /SOLICITADO/ }).locator("td")).toHaveText("0 (0.0%)");
  const late = regulator.getByRole("table", { name: /^Cierres tardíos por departamento/ });
  await expect(late.getByRole("row", { name: /Lima/ })).toContainText("33.3%");
  await expect(late.locator("tbody tr")).toHaveCount(4);
  const buyers = regulator.getByRole("table", { name: /^Compradores con mayor volumen/ }).locator("tbody tr");
  await expect(buyers).toHaveCount(4);
  await expect(buyers.first()).toContainText("Planta Envasadora Fermiones S.A.C.");
  await expect(buyers.first()).toContainText("15,000.00");
  await expect(buyers.nth(1)).toContainText("Bosón de Higgs S.A.C.");
  await expect(buyers.nth(1)).toContainText("7,300.00");
  const sellers = regulator.getByRole("table", { name: /^Vendedores con mayor volumen/ }).locator("tbody tr");
  await expect(sellers.first()).toContainText("Productora Hadrones del Perú S.A.");
  await expect(sellers.nth(1)).toContainText("5,600.00");
  // The daily figures: 15,000 gallons of the Planta Envasadora three days ago.
  await regulator.getByText("Ver cifras por día").click();
  const daily = regulator.getByRole("table", { name: /^Volumen solicitado por día/ });
  await expect(daily.locator("tbody tr")).toHaveCount(4);
  await expect(daily.locator("tbody tr").last()).toContainText("15,000.00");
  for (const name of CHARTS) {
    await expect(regulator.getByRole("region", { name }).locator("svg.recharts-surface").first(), name).toBeVisible();
  }

  await choosePeriod(regulator, limaToday(100), limaToday(0));
  await expect(regulator.getByRole("alert").filter({ hasText: "Revise el periodo." })).toBeVisible();
  await expect(regulator.getByText("El periodo no puede exceder 92 días.")).toBeVisible();
  await expect(regulator.getByLabel("Fecha desde")).toHaveAttribute("aria-invalid", "true");
  await expect(regulator.locator("svg.recharts-surface")).toHaveCount(0);

  await choosePeriod(regulator, limaToday(2), limaToday(5));
  await expect(regulator.getByText("La fecha desde debe ser anterior o igual a la fecha hasta.")).toBeVisible();
});

test("the administrator has Tablero in its menu; a buyer gets No autorizado", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Tablero" }).click();
  await expect(admin.getByRole("region", { name: "Órdenes por estado" }).locator("svg.recharts-surface")).toBeVisible();

  const buyer = await signedIn(browser, "comprador");
  await expect(buyer.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Tablero" })).toHaveCount(0);
  await buyer.goto("/regulador/tablero");
  await expect(buyer.getByRole("heading", { name: "No autorizado" })).toBeVisible();
  await expect(buyer.locator("svg.recharts-surface")).toHaveCount(0);
});
