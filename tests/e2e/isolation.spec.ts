import { expect, test } from "@playwright/test";
import { FLOW_A, registerOrder, signedIn } from "./support";

const PAGES_BY_ROLE = {
  comprador: ["/compras/generar", "/compras/anulacion", "/compras/cierre"],
  vendedor: ["/ventas"],
  operador: ["/despachos"],
  regulador: ["/verificacion", "/regulador/movimientos", "/regulador/tablero"],
} as const;

test("without a session every portal page leads to sign-in", async ({ page }) => {
  for (const path of ["/", "/ordenes", "/compras/generar", "/ventas", "/despachos", "/verificacion"]) {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/ingresar\\?next=${encodeURIComponent(path)}$`));
  }
});

test("a wrong password and an unknown user get the same message", async ({ page }) => {
  for (const username of ["comprador", "nadie-con-este-usuario"]) {
    await page.goto("/ingresar");
    await page.getByLabel("Usuario").fill(username);
    await page.getByLabel("Contraseña").fill("contraseña-equivocada");
    await page.getByRole("button", { name: "Ingresar" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Usuario o contraseña incorrectos." })).toBeVisible();
  }
});

for (const [user, own] of Object.entries(PAGES_BY_ROLE)) {
  test(`${user} gets "No autorizado" on the other roles' pages and sees only its menu`, async ({ browser }) => {
    const page = await signedIn(browser, user);
    const foreign = Object.entries(PAGES_BY_ROLE)
      .filter(([other]) => other !== user)
      .flatMap(([, paths]) => paths);
    for (const path of foreign) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "No autorizado" }), path).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Inicio" })).toBeVisible();
      const menu = await page.getByRole("navigation", { name: "Menú principal" }).getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
      expect(menu).not.toContain(path);
    }
    for (const path of own) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: "No autorizado" })).toHaveCount(0);
    }
  });
}

test("another buyer's order is not found, for its detail, its movements and its closure", async ({ browser }) => {
  const owner = await signedIn(browser, "comprador");
  const code = await registerOrder(owner, { ...FLOW_A, volume: "75" });

  const stranger = await signedIn(browser, "comprador2");
  for (const path of [`/ordenes/${code}`, `/ordenes/${code}/movimientos`, `/compras/cierre/${code}`, `/compras/rechazo/${code}`]) {
    await stranger.goto(path);
    await expect(stranger.getByRole("heading", { name: "No encontrado" }), path).toBeVisible();
    await expect(stranger.getByText(code)).toHaveCount(0);
  }
  await stranger.goto(`/ordenes?code=${code}`);
  await expect(stranger.getByText("No se encontraron órdenes de pedido con esos criterios.")).toBeVisible();

  // A seller the order is not addressed to does not see it either; the regulator does.
  const otherSeller = await signedIn(browser, "quarks");
  await otherSeller.goto(`/ordenes/${code}`);
  await expect(otherSeller.getByRole("heading", { name: "No encontrado" })).toBeVisible();
  const regulator = await signedIn(browser, "regulador");
  await regulator.goto(`/ordenes/${code}`);
  await expect(regulator.getByText(code).first()).toBeVisible();
});
