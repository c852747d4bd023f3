import { expect, test } from "@playwright/test";
import { FLOW_B, registerOrder, signedIn } from "./support";

test("the regulator finds any order by code; a code with one wrong digit is caught", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador2");
  const code = await registerOrder(buyer, { ...FLOW_B, volume: "120" });
  const wrongDigit = code.slice(0, 10) + ((Number(code[10]) + 3) % 10);

  const regulator = await signedIn(browser, "regulador");
  await regulator.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Consulta de Código de Autorización" }).click();
  await regulator.getByLabel("Código de Autorización").fill(wrongDigit);
  await regulator.getByRole("button", { name: "Consultar" }).click();
  await expect(regulator.getByText(/el dígito verificador no coincide/)).toBeVisible();

  // Spaces as an inspector might type them from a paper copy.
  await regulator.getByLabel("Código de Autorización").fill(`${code.slice(0, 3)} ${code.slice(3, 7)} ${code.slice(7)}`);
  await regulator.getByRole("button", { name: "Consultar" }).click();
  await expect(regulator.getByText("Grifo Los Taus S.A.C.").first()).toBeVisible();
  await expect(regulator.getByText("Comercializadora Gluones S.A.").first()).toBeVisible();
  await expect(regulator.getByText(/Terminal Leptones/).first()).toBeVisible();
  await expect(regulator.getByRole("table", { name: "Movimientos de la orden" })).toContainText("SOLICITADO");
});
