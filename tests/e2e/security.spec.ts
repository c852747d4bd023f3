import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { DEMO_PASSWORD, enterOtp, signedIn } from "./support";

/** The form's message (not Next's empty route announcer, which is also role=alert). */
const formAlert = (page: Page) => page.locator("form [role=alert]");

async function attempt(page: Page, username: string, password: string) {
  await page.getByLabel("Usuario").fill(username);
  await page.getByLabel("Contraseña").fill(password);
  await page.getByRole("button", { name: "Ingresar" }).click();
}

test("a wrong user and a wrong password get the same message; five failures lock the account", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/ingresar");
  await attempt(page, "no-existe", "cualquier-clave");
  await expect(formAlert(page)).toHaveText("Usuario o contraseña incorrectos.");
  for (let i = 1; i <= 4; i++) {
    await attempt(page, "bloqueo", `equivocada-${i}`);
    await expect(formAlert(page)).toHaveText("Usuario o contraseña incorrectos.");
  }
  await attempt(page, "bloqueo", "equivocada-5");
  await expect(formAlert(page)).toHaveText("Demasiados intentos fallidos. Intente nuevamente en 15 minutos.");
  // Locked: even the right password is refused until the lock ends.
  await attempt(page, "bloqueo", DEMO_PASSWORD);
  await expect(formAlert(page)).toHaveText(/Demasiados intentos fallidos. Intente nuevamente en 1[45] minutos./);

  const regulator = await signedIn(browser, "regulador");
  await regulator.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Auditoría" }).click();
  await regulator.getByLabel("Usuario").fill("bloqueo");
  await regulator.getByRole("button", { name: "Buscar" }).click();
  const log = regulator.getByRole("table", { name: "Registro de auditoría" });
  await expect(log).toContainText("Cuenta bloqueada temporalmente");
  await expect(log).toContainText("Ingreso fallido");
});

test("the regulator must give its verification code; a wrong code is refused", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/ingresar");
  await attempt(page, "regulador", DEMO_PASSWORD);
  const otp = page.getByLabel("Código de verificación");
  await expect(otp).toBeVisible();
  await otp.fill("000000");
  await page.getByRole("button", { name: "Verificar" }).click();
  await expect(formAlert(page)).toContainText("El código de verificación no es válido");
  await enterOtp(page);
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
});

test("a new administrator must enroll its second factor, then signs in with a code or a recovery code", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/ingresar");
  await attempt(page, "admin2", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { name: "Seguridad de la cuenta" })).toBeVisible();
  await expect(page.getByText("Su perfil requiere el segundo factor.")).toBeVisible();
  await page.goto("/registro");
  await expect(page).toHaveURL(/\/cuenta\/seguridad/);

  await page.getByRole("button", { name: "Activar segundo factor" }).click();
  await expect(page.getByRole("img", { name: "Código QR para la aplicación autenticadora" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Código de verificación").fill("123456");
  await page.getByRole("button", { name: "Verificar y activar" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "El código de verificación no es válido" })).toBeFocused();
  await expect(page.getByLabel("Código de verificación")).toHaveAccessibleDescription("Código de verificación incorrecto.");
  await page.getByLabel("Código de verificación").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Verificar y activar" }).click();
  const codes = page.getByRole("list", { name: "Códigos de recuperación" }).locator("li");
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole("link", { name: "Continuar al portal" }).click();
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
  await page.getByRole("button", { name: "Cerrar Sesión" }).click();

  await expect(page.getByLabel("Usuario")).toBeVisible();
  await expect(page).toHaveURL(/\/ingresar/);
  await attempt(page, "admin2", DEMO_PASSWORD);
  // the enrollment's code is spent: enterOtp waits for the next step when it must
  await enterOtp(page, secret);
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
  await page.getByRole("button", { name: "Cerrar Sesión" }).click();

  await expect(page.getByLabel("Usuario")).toBeVisible();
  await attempt(page, "admin2", DEMO_PASSWORD);
  await page.getByLabel("Código de verificación").fill(recovery);
  await page.getByRole("button", { name: "Verificar" }).click();
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
  await page.goto("/cuenta/seguridad");
  await expect(page.getByText("Le quedan 9 códigos de recuperación sin usar.")).toBeVisible();
});
