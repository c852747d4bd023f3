import { expect, test, type Page } from "@playwright/test";
import { call, createApiKey, expectProblem } from "./api-support";
import { FLOW_A, demoDay, hydrated, limaToday, movementStates, registerOrder, signedIn } from "./support";

const TRUCK_HEADER = "placa,numero_registro,ruc_propietario,capacidad_galones,vencimiento_seguro";
/** Distribuidora a Granel Quarks E.I.R.L. (lib/seed/demo-agents.ts) */
const QUARKS_RUC = "20601112222";

async function uploadTrucks(page: Page, name: string, lines: string[]) {
  await page.getByLabel("Archivo CSV de cisternas").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from([TRUCK_HEADER, ...lines].join("\n"), "utf8") });
}

test("a sale on a suspended truck is refused and the order stays SOLICITADO; on a registered truck it is sold", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "500" });

  const seller = await signedIn(browser, "vendedor");
  await seller.goto(`/ventas/${code}`);
  await seller.getByLabel("Cantidad Vendida (gal)").fill("500");
  await seller.getByLabel("Placa de la Cisterna").fill("k9p404");
  await expect(seller.getByText(/Reg\. 84408-038-040322 .* Cisterna SUSPENDIDO: no puede transportar GLP\./)).toBeVisible();
  // The numbers as seed 001 quotes them ("Guía de Remisión N° 000929", "Factura N° 001387").
  await seller.getByLabel("Guía de Remisión").fill("000929");
  await seller.getByLabel("Factura").fill("N° 001387");
  await seller.getByRole("button", { name: "Vista Previa" }).click();
  const preview = seller.getByRole("table", { name: "Lotes a registrar" });
  await expect(preview).toContainText("K9P-404");
  await expect(preview).toContainText("001387");
  await seller.getByRole("button", { name: "Registrar Venta" }).click();
  await expect(seller.getByText(/La inscripción de la cisterna K9P-404 \(Registro N° 84408-038-040322\) está suspendida: no puede transportar GLP a granel\./).first()).toBeVisible();
  expect(await movementStates(seller, code)).toEqual(["SOLICITADO"]);

  // A truck whose insurance expired is refused too; a VIGENTE one is sold, with density and temperature.
  await seller.goto(`/ventas/${code}`);
  await seller.getByLabel("Cantidad Vendida (gal)").fill("500");
  await seller.getByLabel("Placa de la Cisterna").fill("E5V-233");
  await expect(seller.getByText(/Su seguro venció el 30\/11\/2025\./)).toBeVisible();
  await seller.getByLabel("Placa de la Cisterna").fill("C4F-721");
  await expect(seller.getByText(/Reg\. 84408-038-010322 · Planta Envasadora Fermiones S\.A\.C\. · capacidad 10,000\.00 gal\./)).toBeVisible();
  await seller.getByLabel("Guía de Remisión").fill("eg01-77");
  await seller.getByLabel("Factura").fill("0001-1387");
  await seller.getByText("Densidad y temperatura (opcional)").click();
  await seller.getByLabel("Densidad (kg/L)").fill("0.5420");
  await seller.getByLabel("Temperatura (°C)").fill("18.5");
  await seller.getByRole("button", { name: "Vista Previa" }).click();
  await expect(seller.getByRole("table", { name: "Lotes a registrar" })).toContainText("1,026 kg");
  await seller.getByRole("button", { name: "Registrar Venta" }).click();
  await expect(seller.getByText("Venta registrada.")).toBeVisible();
  await seller.goto(`/ordenes/${code}`);
  const lot = seller.getByRole("table", { name: "Lotes de la orden" }).locator("tbody tr").first();
  await expect(lot).toContainText("EG01-00000077");
  await expect(lot).toContainText("0001-0001387");
  await expect(lot).toContainText("Reg. 84408-038-010322");
  await expect(lot).toContainText("0.5420 kg/L · 18.5 °C");
});

test("the regulator finds a legacy SCOP code by exact match, marked as such; a mistyped code of this portal is called mistyped", async ({ browser }) => {
  const regulator = await signedIn(browser, "regulador");
  await regulator.goto("/verificacion");
  await regulator.getByLabel("Código de Autorización").fill("605 970 689 62");
  await regulator.getByRole("button", { name: "Consultar" }).click();
  await expect(regulator.getByRole("heading", { name: /Estado actual del Código de Autorización 60597068962/ })).toBeVisible();
  await expect(regulator.getByText("Código SCOP anterior").first()).toBeVisible();
  await expect(regulator.locator("#estado-actual").locator("..")).toContainText("CERRADO");
  const movements = regulator.getByRole("table", { name: "Movimientos de la orden" });
  await expect(movements).toContainText("23/05/2017");
  await expect(movements).toContainText("SCOP anterior (histórico importado)");
  // Seed 001's truck: its lot links to F1X-710's first registration, now cancelled.
  await expect(regulator.getByRole("table", { name: "Lotes de la orden" })).toContainText("Reg. 77451-045-150516");

  // The other four of the seeds' codes, one passing this portal's check digit and three failing it.
  for (const code of ["60019903972", "60020060393", "11954452339", "60606659822"]) {
    await regulator.goto(`/verificacion?code=${code}`);
    await expect(regulator.getByText("Código SCOP anterior").first(), code).toBeVisible();
  }
  await regulator.goto("/verificacion?code=60597068963");
  await expect(regulator.getByText("El Código de Autorización no es válido: el dígito verificador no coincide.", { exact: false })).toBeVisible();

  // Movimientos by plate finds it too, as sold on F1X-710; and Ver Mov. opens.
  await regulator.goto("/regulador/movimientos?plate=f1x710");
  const row = regulator.locator("tr", { hasText: "60597068962" });
  await expect(row).toContainText("Código SCOP anterior");
  await row.getByRole("link", { name: "Ver Mov." }).click();
  await expect(regulator.getByRole("heading", { name: "Movimientos de la Orden de Pedido" })).toBeVisible();
  await expect(regulator.getByText("Código SCOP anterior")).toBeVisible();
  const constancia = await regulator.request.get("/ordenes/60597068962/constancia");
  expect(constancia.status()).toBe(200);
  expect(constancia.headers()["content-type"]).toBe("application/pdf");
});

test("the legacy code over the API, and the regulator's plate filters", async ({ browser, request }) => {
  const key = await createApiKey(browser, "regulador", "erp-regulador-cisternas");
  const order = await call(request, { method: "GET", path: "/orders/60606659822", key });
  expect(order.status(), await order.text()).toBe(200);
  expect(await order.json()).toMatchObject({ code: "60606659822", legacyCode: true, state: "CERRADO", flow: "B", lots: [{ plate: "T8A-870", truckRegistryNumber: "30214-021-060315" }] });
  await expectProblem(await call(request, { method: "GET", path: "/orders/60606659823", key }), 400, "DATOS_INVALIDOS");
  const byPlate = await (await call(request, { method: "GET", path: "/orders?plate=T8A-870&from=2017-07-01&to=2017-07-31", key })).json();
  expect(byPlate.items.map((item: { code: string }) => item.code)).toContain("60606659822");
  const moves = await (await call(request, { method: "GET", path: "/movements?plate=t8a870&from=2017-07-01&to=2017-07-31", key })).json();
  expect(moves.items.filter((item: { orderCode: string }) => item.orderCode === "60606659822").map((item: { event: string }) => item.event)).toEqual(["CERRADO", "DESPACHADO", "VENDIDO", "SOLICITADO"]);
  const trucks = await (await call(request, { method: "GET", path: "/trucks?plate=F1X-710", key })).json();
  expect(trucks.items.map((truck: { registryNumber: string; status: string }) => [truck.registryNumber, truck.status])).toEqual([
    ["77451-045-150516", "CANCELADO"],
    ["90113-045-051017", "VIGENTE"],
  ]);
  await expectProblem(await call(request, { path: "/trucks", key, body: { plate: "Z1Z-999" } }), 403, "NO_AUTORIZADO");
});

test("the administrator inscribes a truck, suspends it with a reason, imports trucks all or nothing, and reads its lots", async ({ browser, request }) => {
  const admin = await signedIn(browser, "admin");
  await admin.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Cisternas" }).click();
  await expect(admin.getByRole("heading", { name: "Cisternas" })).toBeVisible();
  await admin.getByLabel("Buscar (placa, N° de registro, propietario o su RUC)").fill("f1x710");
  await admin.getByRole("button", { name: "Buscar" }).click();
  await expect(admin.getByRole("table", { name: "Cisternas inscritas" }).locator("tbody tr")).toHaveCount(2);

  await admin.goto("/cisternas/nueva");
  await hydrated(admin);
  await admin.getByLabel("Placa").fill("q7w 318");
  await admin.getByLabel("N° de Registro de Hidrocarburos").fill("90113-045-01022");
  await admin.getByLabel("Agente propietario").selectOption({ label: "Distribuidora a Granel Quarks E.I.R.L. — Distribuidor a Granel (RUC 20601112222)" });
  await admin.getByLabel("Capacidad (galones)").fill("4,200");
  await admin.getByLabel("Vencimiento del seguro").fill("2027-08-31");
  await admin.getByRole("button", { name: "Inscribir Cisterna" }).click();
  // The error summary takes the focus and links to the field, which describes its error.
  await expect(admin.getByTestId("error-summary")).toBeFocused();
  await admin.getByTestId("error-summary").getByRole("link", { name: /El número de registro debe tener la forma código-actividad-ddmmaa/ }).click();
  await expect(admin.getByLabel("N° de Registro de Hidrocarburos")).toBeFocused();
  await expect(admin.getByLabel("N° de Registro de Hidrocarburos")).toHaveAccessibleDescription(/debe tener la forma código-actividad-ddmmaa/);
  await admin.getByLabel("N° de Registro de Hidrocarburos").fill("90113-045-010226");
  await admin.getByRole("button", { name: "Inscribir Cisterna" }).click();
  await expect(admin.getByText("La cisterna quedó inscrita con estado VIGENTE.")).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Cisterna Q7W-318" })).toBeVisible();

  await admin.getByRole("button", { name: "Suspender Cisterna" }).click();
  await expect(admin.getByTestId("error-summary")).toBeFocused();
  await admin.getByTestId("error-summary").getByRole("link", { name: "Describa el motivo (al menos 10 caracteres)." }).click();
  await expect(admin.getByLabel("Motivo del cambio de estado")).toBeFocused();
  await admin.getByLabel("Motivo del cambio de estado").fill("Certificado de calibración vencido (INDECOPI).");
  await admin.getByRole("button", { name: "Suspender Cisterna" }).click();
  await expect(admin.getByText("La cisterna quedó SUSPENDIDA: desde ahora no transporta lotes.")).toBeVisible();
  const history = admin.getByRole("table", { name: "Historial de la inscripción de la cisterna" });
  await expect(history).toContainText("Cisterna suspendida");
  await expect(history).toContainText("Certificado de calibración vencido (INDECOPI).");
  await expect(admin.getByRole("button", { name: "Rehabilitar Cisterna" })).toBeVisible();

  // A truck's lots in a period: B7M-312 (3,500 gal) carried three lots yesterday (4,000 gal).
  await admin.goto("/cisternas?q=B7M-312");
  await admin.getByRole("link", { name: "Ver Detalle de la cisterna B7M-312" }).click();
  await admin.getByLabel("Vendidos desde").fill(demoDay(1));
  await admin.getByLabel("Vendidos hasta").fill(demoDay(1));
  await admin.getByRole("button", { name: "Ver periodo" }).click();
  await expect(admin.getByRole("table", { name: "Lotes transportados por la cisterna" }).locator("tbody tr")).toHaveCount(3);
  await expect(admin.getByText(/3 lotes, 4,000\.00 gal\./)).toBeVisible();
  await admin.goto(`/regulador/cumplimiento?from=${demoDay(1)}&to=${limaToday(0)}`);
  const overloads = admin.getByRole("table", { name: "Cisternas cargadas por encima de su capacidad" });
  await expect(overloads).toContainText("B7M-312");
  await expect(overloads).toContainText("4,000.00");

  await admin.goto("/cisternas/importar");
  await hydrated(admin);
  const good = `R4T-501,90113-045-150326,${QUARKS_RUC},3500,2027-12-31`;
  // A malformed row is refused in the browser already, with its row number.
  await uploadTrucks(admin, "cisternas-mal.csv", [good, `R4T-5X2,90113-045-160326,${QUARKS_RUC},3500,2027-12-31`]);
  await expect(admin.getByRole("table", { name: "Filas rechazadas" }).locator("tbody tr").first()).toContainText("3");
  await expect(admin.getByText(/no se inscribirá ninguna fila/)).toBeVisible();
  await expect(admin.getByRole("button", { name: /^Inscribir/ })).toHaveCount(0);
  // A well-formed RUC of no seller passes the browser; the server refuses the file, and nothing is inscribed.
  await uploadTrucks(admin, "cisternas-con-error.csv", [good, `R4T-502,90113-045-160326,20100070970,3500,2027-12-31`]);
  await admin.getByRole("button", { name: "Inscribir 2 cisternas" }).click();
  await expect(admin.getByText("El archivo tiene 1 error: no se inscribió ninguna cisterna.")).toBeVisible();
  await expect(admin.getByRole("table", { name: "Filas rechazadas" })).toContainText("No es el RUC de una Planta Envasadora");
  await admin.goto("/cisternas?q=R4T-501");
  await expect(admin.getByText("No se encontraron cisternas con esos criterios.")).toBeVisible();
  await admin.goto("/cisternas/importar");
  await hydrated(admin);
  await uploadTrucks(admin, "cisternas.csv", [good, `R4T-502,90113-045-160326,${QUARKS_RUC},3500,2027-12-31`]);
  await admin.getByRole("button", { name: "Inscribir 2 cisternas" }).click();
  await expect(admin.getByText("Se inscribieron 2 cisternas desde cisternas.csv.")).toBeVisible();

  // The same registry over the API: the administrator's key writes, with the same checks.
  const key = await createApiKey(browser, "admin", "erp-admin-cisternas");
  const quarks = (await (await call(request, { method: "GET", path: "/trucks?plate=R4T-501", key })).json()).items[0].owner.id;
  const twice = await call(request, { path: "/trucks", key, headers: { "Idempotency-Key": "cisterna-r4t-501" }, body: { plate: "R4T-501", registryNumber: "90113-045-170326", ownerAgentId: quarks, capacity: 3000, insuranceExpiresOn: "2027-12-31" } });
  const problem = await expectProblem(twice, 409, "CISTERNA_DUPLICADA");
  expect(problem.errors?.plate?.[0]).toMatch(/ya tiene una inscripción vigente/);
  const ok = await call(request, { path: "/trucks", key, headers: { "Idempotency-Key": "cisterna-u9k-205" }, body: { plate: "u9k205", registryNumber: "90113-045-180326", ownerAgentId: quarks, capacity: "3000.50", insuranceExpiresOn: "2027-12-31" } });
  expect(ok.status(), await ok.text()).toBe(201);
  const truck = await ok.json();
  expect(truck).toMatchObject({ plate: "U9K-205", capacity: "3000.50", status: "VIGENTE", owner: { ruc: QUARKS_RUC } });
  const suspended = await call(request, { path: `/trucks/${truck.id}/status`, key, headers: { "Idempotency-Key": "suspender-u9k-205" }, body: { status: "SUSPENDIDO", reason: "Unidad en mantenimiento mayor." } });
  expect(await suspended.json()).toMatchObject({ status: "SUSPENDIDO" });
});

test("a lost connection on the truck forms is shown in the error summary, the button comes back and the typed values stay", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  // Server actions are POSTs with a Next-Action header; only those fail, as on a dropped mobile network.
  const offline = (url: string) => admin.route(url, (route) => (route.request().headers()["next-action"] ? route.abort("internetdisconnected") : route.fallback()));

  await admin.goto("/cisternas/nueva");
  await hydrated(admin);
  await admin.getByLabel("Placa").fill("r5t 224");
  await admin.getByLabel("N° de Registro de Hidrocarburos").fill("90113-045-020226");
  await admin.getByLabel("Agente propietario").selectOption({ label: "Distribuidora a Granel Quarks E.I.R.L. — Distribuidor a Granel (RUC 20601112222)" });
  await admin.getByLabel("Capacidad (galones)").fill("3,800");
  await admin.getByLabel("Vencimiento del seguro").fill("2027-09-30");
  await offline("**/cisternas/nueva");
  await admin.getByRole("button", { name: "Inscribir Cisterna" }).click();
  await expect(admin.getByTestId("error-summary")).toBeFocused();
  await expect(admin.getByTestId("error-summary")).toContainText("No se pudo comunicar con el servidor. Revise su conexión e intente nuevamente; sus datos se conservan.");
  await expect(admin.getByRole("button", { name: "Inscribir Cisterna" })).toBeEnabled();
  await expect(admin.getByLabel("Capacidad (galones)")).toHaveValue("3,800");
  await admin.unrouteAll();
  await admin.getByRole("button", { name: "Inscribir Cisterna" }).click();
  await expect(admin.getByText("La cisterna quedó inscrita con estado VIGENTE.")).toBeVisible();
  await expect(admin.getByRole("heading", { name: "Cisterna R5T-224" })).toBeVisible();

  await admin.getByLabel("Motivo del cambio de estado").fill("Revisión técnica anual pendiente.");
  await offline("**/cisternas/*");
  await admin.getByRole("button", { name: "Suspender Cisterna" }).click();
  await expect(admin.getByTestId("error-summary")).toContainText("No se pudo comunicar con el servidor.");
  await expect(admin.getByRole("button", { name: "Suspender Cisterna" })).toBeEnabled();
  await expect(admin.getByLabel("Motivo del cambio de estado")).toHaveValue("Revisión técnica anual pendiente.");
  await admin.unrouteAll();
  await admin.getByRole("button", { name: "Suspender Cisterna" }).click();
  await expect(admin.getByText("La cisterna quedó SUSPENDIDA: desde ahora no transporta lotes.")).toBeVisible();
});
