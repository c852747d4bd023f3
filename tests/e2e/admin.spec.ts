import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, FLOW_A, fillOrderForm, hydrated, signedIn } from "./support";

const HEADER = "tipo,razon_social,ruc,numero_registro,direccion,departamento,provincia,distrito,capacidad_galones,ruc_proveedor_tanques,vencimiento_seguro";

async function upload(page: Page, name: string, lines: string[]) {
  await page.getByLabel("Archivo CSV de agentes").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from([HEADER, ...lines].join("\n"), "utf8") });
}

test("the administrator inscribes an agent with the form, validating RUC and location", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Registro de Hidrocarburos" }).click();
  await expect(admin.getByRole("heading", { name: "Registro de Hidrocarburos" })).toBeVisible();
  await admin.goto("/registro/nuevo");
  await hydrated(admin);
  await admin.getByLabel("Tipo de agente").selectOption({ label: "Consumidor Directo" });
  await admin.getByLabel("Razón social").fill("Cerámicas Gravitón S.A.C.");
  await admin.getByLabel("RUC", { exact: true }).fill("20100070971");
  await admin.getByLabel("Número de registro").fill("55501-060-200524");
  await admin.getByLabel("Dirección").fill("Av. Industrial 940");
  await admin.getByLabel("Departamento").selectOption("Lima");
  await admin.getByLabel("Provincia").selectOption("Lima");
  await admin.getByLabel("Distrito").selectOption("Miraflores");
  await admin.getByLabel("Vencimiento de la póliza de seguro").fill("2027-10-31");
  await admin.getByLabel("Capacidad de almacenamiento (galones)").fill("4500");
  await admin.getByRole("button", { name: "Inscribir Agente" }).click();
  // The error summary takes the focus and links to the field, which describes its error.
  await expect(admin.getByTestId("error-summary")).toBeFocused();
  await admin.getByTestId("error-summary").getByRole("link", { name: "El RUC no es válido: su dígito verificador no corresponde." }).click();
  await expect(admin.getByLabel("RUC", { exact: true })).toBeFocused();
  await expect(admin.getByLabel("RUC", { exact: true })).toHaveAccessibleDescription(/El RUC no es válido: su dígito verificador no corresponde\./);
  // The typed values stay; fix the check digit only.
  await expect(admin.getByLabel("Razón social")).toHaveValue("Cerámicas Gravitón S.A.C.");
  await admin.getByLabel("RUC", { exact: true }).fill("20100070970");
  await admin.getByRole("button", { name: "Inscribir Agente" }).click();
  await expect(admin.getByText("El agente quedó inscrito con estado VIGENTE.")).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Cerámicas Gravitón S.A.C." })).toBeVisible();
});

test("a CSV with an error imports nothing; the corrected file imports every row", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/registro/importar");
  await hydrated(admin);
  await expect(admin.getByRole("link", { name: /Descargar plantilla/ })).toHaveAttribute("href", "/plantilla-agentes.csv");
  const good = "GASOCENTRO,Grifo Importado Uno S.A.C.,20131312955,66601-081-010124,Av. Uno 1,Lima,Lima,Ate,3000,,2027-12-31";
  const bad = "CONSUMIDOR_DIRECTO,Importadora Dos S.A.C.,20100047219,66602-060-010124,Av. Dos 2,Lima,Lima,Surco,2500,,2027-12-31";
  await upload(admin, "agentes-con-error.csv", [good, bad]);
  const errors = admin.getByRole("table", { name: "Filas rechazadas" });
  await expect(errors).toContainText("El RUC no es válido: su dígito verificador no corresponde.");
  await expect(errors).toContainText("El distrito no corresponde");
  await expect(errors.locator("tbody tr").first()).toContainText("3");
  await expect(admin.getByText(/no se inscribirá ninguna fila/)).toBeVisible();
  await admin.screenshot({ path: "screenshots/importar-agentes-errores.png", fullPage: true });
  await expect(admin.getByRole("button", { name: /^Inscribir \d/ })).toHaveCount(0);
  await admin.goto("/registro?q=Grifo+Importado+Uno");
  await expect(admin.getByText("No se encontraron agentes con esos criterios.")).toBeVisible();

  await admin.goto("/registro/importar");
  await hydrated(admin);
  const fixed = "CONSUMIDOR_DIRECTO,Importadora Dos S.A.C.,20100047218,66602-060-010124,Av. Dos 2,Lima,Lima,Santiago de Surco,2500,,2027-12-31";
  await upload(admin, "agentes.csv", [good, fixed]);
  await admin.getByRole("button", { name: "Inscribir 2 agentes" }).click();
  await expect(admin.getByText("Se inscribieron 2 agentes desde agentes.csv.")).toBeVisible();
  await admin.goto("/registro?q=66602-060");
  await expect(admin.getByRole("cell", { name: "Importadora Dos S.A.C.", exact: true })).toBeVisible();
});

test("a suspended buyer's order is refused; the administrator sees its open orders and reinstates it", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/registro?q=Bariones");
  await admin.getByRole("link", { name: /Ver Detalle de Estación de Servicios Bariones/ }).click();
  await expect(admin.getByRole("heading", { name: /Estación de Servicios Bariones/ })).toBeVisible();
  await hydrated(admin);
  await admin.getByLabel("Motivo de la suspensión").fill("Inspección: tanque sin certificado de hermeticidad vigente.");
  await admin.getByRole("button", { name: "Suspender Inscripción" }).click();
  await expect(admin.getByText(/La inscripción quedó SUSPENDIDA/)).toBeVisible();
  await expect(admin.getByText(/está suspendido y tiene 2 órdenes abiertas/)).toBeVisible();
  await expect(admin.getByRole("table", { name: "Historial de la inscripción" })).toContainText("tanque sin certificado");

  const buyer = await signedIn(browser, "bariones");
  await fillOrderForm(buyer, { ...FLOW_A, volume: "300" });
  await buyer.getByRole("button", { name: "Vista Previa" }).click();
  await buyer.getByRole("button", { name: "Registrar Orden" }).click();
  await expect(buyer.getByText(/Su inscripción en el Registro de Hidrocarburos está suspendida/)).toBeVisible();

  await admin.getByLabel("Motivo de la rehabilitación").fill("Presentó el certificado de hermeticidad.");
  await admin.getByRole("button", { name: "Rehabilitar Inscripción" }).click();
  await expect(admin.getByText("La inscripción quedó VIGENTE nuevamente.")).toBeVisible();
});

test("after a reset the user must change its password before anything else", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/usuarios?q=reinicio");
  await hydrated(admin);
  await admin.getByRole("button", { name: "Restablecer contraseña de reinicio" }).click();
  await expect(admin.getByRole("alertdialog", { name: "Restablecer la contraseña de reinicio" })).toBeVisible();
  await admin.getByRole("button", { name: "Aceptar" }).click();
  const temporary = (await admin.getByTestId("temporary-password").textContent())!.trim();
  expect(temporary).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);

  const page = await (await browser.newContext()).newPage();
  await page.goto("/ingresar");
  await page.getByLabel("Usuario").fill("reinicio");
  await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByText("Usuario o contraseña incorrectos.")).toBeVisible();
  await page.getByLabel("Contraseña").fill(temporary);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByRole("heading", { name: "Cambiar Contraseña" })).toBeVisible();
  await expect(page.getByText("Debe cambiar su contraseña para continuar.")).toBeVisible();
  await page.goto("/ordenes");
  await expect(page).toHaveURL(/\/cuenta\/contrasena/);

  await page.getByLabel("Contraseña actual").fill(temporary);
  await page.getByLabel("Nueva contraseña", { exact: true }).fill("password1234");
  await page.getByLabel("Confirmar nueva contraseña").fill("password1234");
  await page.getByRole("button", { name: "Cambiar Contraseña" }).click();
  await expect(page.getByText(/demasiado común/).first()).toBeVisible();
  await page.getByLabel("Nueva contraseña", { exact: true }).fill("gas licuado a granel 2026");
  await page.getByLabel("Confirmar nueva contraseña").fill("gas licuado a granel 2026");
  await page.getByRole("button", { name: "Cambiar Contraseña" }).click();
  await expect(page.getByText("Su contraseña fue cambiada.")).toBeVisible();
  await expect(page).toHaveURL(/\/ingresar/, { timeout: 15_000 });
  await page.getByLabel("Usuario").fill("reinicio");
  await page.getByLabel("Contraseña").fill("gas licuado a granel 2026");
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
});

test("the administrator creates a user only with a role its agent allows", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.goto("/usuarios");
  await hydrated(admin);
  await admin.getByLabel("Agente", { exact: true }).selectOption({ label: "Planta de Abastecimiento Callao — Terminal Leptones" });
  await expect(admin.getByLabel("Rol").locator("option")).toHaveText(["Seleccione…", "Operador de planta"]);
  await admin.getByLabel("Rol").selectOption({ label: "Operador de planta" });
  await admin.getByLabel("Usuario", { exact: true }).fill("leptones.turno2");
  await admin.getByLabel("Nombre completo").fill("Carlos Rojas Medina");
  await admin.getByLabel("Correo electrónico").fill("carlos.rojas@fotones.example.pe");
  await admin.getByRole("button", { name: "Crear Usuario" }).click();
  await expect(admin.getByText("Usuario leptones.turno2 creado.")).toBeVisible();
  await expect(admin.getByTestId("temporary-password")).toHaveText(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
});
