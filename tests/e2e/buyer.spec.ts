import { expect, test } from "@playwright/test";
import { FLOW_A, fillOrderForm, movementStates, registerOrder, signedIn } from "./support";

test("a buyer annuls an order still SOLICITADO and its capacity is freed", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "150" });

  await buyer.getByRole("link", { name: "Corrección de Orden de Pedido: Anulación de Transacciones" }).click();
  await buyer.getByRole("button", { name: `Anular ${code}` }).click();
  await expect(buyer.getByRole("alertdialog")).toContainText(code);
  await buyer.getByRole("button", { name: "Aceptar" }).click();
  await expect(buyer.getByText(`El Código de Autorización ${code} se encuentra en estado ANULADO.`)).toBeVisible();
  await expect(buyer.getByRole("button", { name: `Anular ${code}` })).toHaveCount(0);

  expect(await movementStates(buyer, code)).toEqual(["SOLICITADO", "ANULADO"]);
});

test("registration beyond the capacidad de compra is refused with its message, by the screen and by the server", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador2");
  await buyer.goto("/");
  const available = await buyer.getByText("Disponible para nuevas órdenes").locator("..").locator("p").nth(1).textContent();
  const availableGallons = Number(available!.replace(/[^\d.]/g, ""));
  expect(availableGallons).toBeGreaterThan(100);

  // The screen refuses at once what is over the capacity it shows…
  await fillOrderForm(buyer, { sellerType: "Planta Envasadora", seller: /Fermiones/, volume: String(availableGallons + 1) });
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await expect(buyer.getByLabel("Volumen Solicitado (galones)")).toHaveAccessibleDescription(/Supera su capacidad de compra disponible/);
  await expect(buyer.getByLabel("Volumen Solicitado (galones)")).toHaveValue(String(availableGallons + 1));

  // …and the server refuses what a second window already took: the preview was fine, the capacity is gone.
  await buyer.getByLabel("Volumen Solicitado (galones)").fill(String(availableGallons - 50));
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  const other = await signedIn(browser, "comprador2");
  await registerOrder(other, { sellerType: "Planta Envasadora", seller: /Fermiones/, volume: "100" });
  await buyer.getByRole("button", { name: "Registrar Orden" }).click();
  await expect(buyer.getByRole("alert").filter({ hasText: "Capacidad de compra insuficiente" })).toBeVisible();
  await expect(buyer.getByLabel("Volumen Solicitado (galones)")).toHaveAccessibleDescription(/Su capacidad de compra disponible es/);
  await expect(buyer.getByLabel("Volumen Solicitado (galones)")).toHaveValue(String(availableGallons - 50));
});

test("a mistyped code is caught by the check digit in the Orden de Pedido search", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "80" });
  const mistyped = code.slice(0, 4) + ((Number(code[4]) + 1) % 10) + code.slice(5);

  await buyer.goto("/ordenes");
  await buyer.getByLabel("Código de Autorización").fill(mistyped);
  await buyer.getByRole("button", { name: "Buscar" }).click();
  await expect(buyer.getByText(/el dígito verificador no coincide/)).toBeVisible();

  await buyer.getByLabel("Código de Autorización").fill(code);
  await buyer.getByRole("button", { name: "Buscar" }).click();
  const rows = buyer.getByRole("table", { name: "Órdenes de pedido" }).locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(code);
  await rows.first().getByRole("link", { name: "Ver Detalle" }).click();
  await expect(buyer.getByText("80.00")).toBeVisible();
});
