/**
 * Regression tests of issue 14's defects (and issue 16's compressed scripts), through the running production server (the front door
 * included). Each test names its defect; defects 2 and 3 need servers of their own
 * (dedicated-servers.spec.ts), and 4, 6, 12, 13 and 15 are also tested below the HTTP layer.
 */
import { request as httpRequest } from "node:http";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { expect, test, type APIResponse } from "@playwright/test";
import { COMPILE_HINT, startUpScripts } from "@/lib/http/compile-hints";
import { createApiKey } from "./api-support";
import { landing, signInOverHttp } from "./http-session";
import { DEMO_PASSWORD, signedIn } from "./support";

const base = () => test.info().project.use.baseURL!;

/** A request fetch() refuses to send (TRACE): status, headers and body. */
function raw(method: string, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${base()}${path}`, { method }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    sent.on("error", reject);
    sent.end();
  });
}

async function expectProblem(response: Response | APIResponse, status: number, code: string) {
  const statusOf = typeof response.status === "function" ? response.status() : response.status;
  const headerOf = (name: string) => ("headers" in response && typeof response.headers === "function" ? response.headers()[name] : (response as Response).headers.get(name));
  expect(statusOf).toBe(status);
  expect(headerOf("content-type")).toContain("application/problem+json");
  const body = JSON.parse(typeof response.text === "function" ? await response.text() : "");
  expect(body).toMatchObject({ status, code });
  return body;
}

test("defect 1: sign-in never sends the user off-site, whatever `next` says", async ({ page }) => {
  // as an attacker writes them in a link: the query string as it is sent
  for (const query of ["/%09/evil.example", "/%0A/evil.example", "//evil.example", "/%5Cevil.example", "https://evil.example/", "javascript:alert(1)"]) {
    await page.context().clearCookies();
    await page.goto(`/ingresar?next=${query}`);
    await page.getByLabel("Usuario").fill("fotones");
    await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/ingresar"));
    expect(new URL(page.url()).origin, query).toBe(new URL(base()).origin);
    await expect(page.getByRole("heading", { name: /Bienvenido/ }), query).toBeVisible();
  }
  // a path of the site is still honoured
  await page.context().clearCookies();
  await page.goto(`/ingresar?next=${encodeURIComponent("/ordenes?estado=SOLICITADO")}`);
  await page.getByLabel("Usuario").fill("fotones");
  await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page).toHaveURL(/\/ordenes\?estado=SOLICITADO$/);
});

test("defect 5: security headers on pages, API answers, errors and files; a CSP with nonces the pages obey", async ({ page, request }) => {
  for (const path of ["/ingresar", "/api/v1/orders", "/api/v1/openapi.json", "/no-existe", "/plantilla-agentes.csv"]) {
    const response = await request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["x-frame-options"], path).toBe("DENY");
    // plain HTTP: no HSTS (dedicated-servers.spec.ts shows it behind an HTTPS proxy)
    expect(headers["strict-transport-security"], path).toBeUndefined();
    if (path !== "/plantilla-agentes.csv") expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
  const api = await request.get("/api/v1/orders");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");

  // Each page gets its own nonce; scripts need it, never 'unsafe-inline'; Next.js's scripts carry it.
  const first = await request.get("/ingresar");
  const second = await request.get("/ingresar");
  const csp = first.headers()["content-security-policy"];
  const scriptSrc = csp.split(";").find((directive) => directive.trim().startsWith("script-src"))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  // a forged X-Forwarded-Proto from a client that is not a trusted proxy changes nothing
  expect((await request.get("/ingresar", { headers: { "x-forwarded-proto": "https" } })).headers()["strict-transport-security"]).toBeUndefined();

  // The screens work under the policy: nothing is refused in the browser.
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/ingresar");
  await page.getByLabel("Usuario").fill("comprador");
  await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
  await page.goto("/compras/generar");
  await page.getByLabel("Tipo de Agente Vendedor").selectOption({ label: "Planta Envasadora" });
  await page.goto("/ordenes");
  await page.goto("/claves-api");
  expect(violations).toEqual([]);
});

test("defect 5: the regulator's and administrator's screens (charts, QR, forms) work under the CSP", async ({ browser }) => {
  for (const [username, paths] of [
    ["regulador", ["/regulador/tablero", "/regulador/movimientos", "/regulador/cumplimiento", "/verificacion", "/auditoria", "/cuenta/seguridad"]],
    ["admin", ["/registro", "/registro/nuevo", "/registro/importar", "/usuarios", "/api-docs"]],
  ] as const) {
    const page = await signedIn(browser, username);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    expect(violations).toEqual([]);
  }
});

test("defect 7: a malformed % escape in a path answers 400, problem+json under /api", async () => {
  await expectProblem(await fetch(`${base()}/api/v1/orders/%ZZ`), 400, "RUTA_MALFORMADA");
  await expectProblem(await fetch(`${base()}/api/v1/orders/%ZZ/sale`, { method: "POST" }), 400, "RUTA_MALFORMADA");
  const page = await fetch(`${base()}/ordenes/%ZZ`, { redirect: "manual" });
  expect(page.status).toBe(400);
  expect(page.headers.get("content-type")).toContain("text/plain");
  expect(await page.text()).toContain("escape «%» inválido");
});

test("defects 8 and 14: unsupported methods answer 405 with Allow (problem+json under /api); TRACE never 500; OPTIONS tells the truth", async () => {
  const allowOf = async (path: string) => (await fetch(`${base()}${path}`, { method: "OPTIONS" })).headers.get("allow");
  expect(await allowOf("/api/v1/orders")).toBe("GET, HEAD, POST, OPTIONS");
  expect(await allowOf("/api/v1/orders/54460617869")).toBe("GET, HEAD, OPTIONS");
  expect(await allowOf("/api/v1/orders/54460617869/sale")).toBe("POST, OPTIONS");
  expect(await allowOf("/ordenes")).toBe("GET, HEAD, POST, OPTIONS");

  for (const [method, path, allow] of [
    ["PUT", "/api/v1/orders", "GET, HEAD, POST, OPTIONS"],
    ["PATCH", "/api/v1/orders", "GET, HEAD, POST, OPTIONS"],
    ["DELETE", "/api/v1/orders", "GET, HEAD, POST, OPTIONS"],
    ["DELETE", "/api/v1/orders/54460617869", "GET, HEAD, OPTIONS"],
    ["GET", "/api/v1/orders/54460617869/close", "POST, OPTIONS"],
    ["PUT", "/api/v1/movements", "GET, HEAD, OPTIONS"],
  ] as const) {
    const response = await fetch(`${base()}${path}`, { method });
    await expectProblem(response, 405, "METODO_NO_PERMITIDO");
    expect(response.headers.get("allow"), `${method} ${path}`).toBe(allow);
  }
  for (const path of ["/", "/ingresar", "/ordenes", "/regulador/movimientos/exportar", "/plantilla-agentes.csv", "/api/v1/orders"]) {
    const response = await raw("TRACE", path);
    expect(response.status, `TRACE ${path}`).toBe(405);
    expect(response.headers.allow, path).toContain("GET");
  }
  const trace = await raw("TRACE", "/api/v1/orders");
  expect(trace.headers["content-type"]).toContain("application/problem+json");
  expect(JSON.parse(trace.body)).toMatchObject({ status: 405, code: "METODO_NO_PERMITIDO" });
  const put = await fetch(`${base()}/ordenes`, { method: "PUT" });
  expect(put.status).toBe(405);
  expect(put.headers.get("allow")).toBe("GET, HEAD, POST, OPTIONS");
});

test("defect 9: strict JSON types, and 415 for a body that is not JSON", async ({ browser }) => {
  const key = await createApiKey(browser, "comprador2", "estricta");
  const post = (path: string, body: string, contentType: string) =>
    fetch(`${base()}/api/v1${path}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": contentType }, body });
  const valid = { sellerType: "PLANTA_ENVASADORA", sellerId: 2, volume: "10", deliveryDate: "2026-12-01" };

  const array = await expectProblem(await post("/orders", JSON.stringify({ ...valid, sellerId: [2] }), "application/json"), 400, "DATOS_INVALIDOS");
  expect(Object.keys(array.errors)).toEqual(["sellerId"]);
  await expectProblem(await post("/orders", JSON.stringify({ ...valid, sellerId: "2" }), "application/json"), 400, "DATOS_INVALIDOS");
  await expectProblem(await post("/orders", JSON.stringify({ ...valid, extra: 1 }), "application/json"), 400, "DATOS_INVALIDOS");
  const position = await expectProblem(
    await post("/orders/54460617869/close", JSON.stringify({ lots: [{ position: true, rejected: true }] }), "application/json"),
    400,
    "DATOS_INVALIDOS",
  );
  expect(Object.keys(position.errors).join()).toContain("position");
  await expectProblem(await post("/orders/54460617869/close", JSON.stringify({ lots: [{ position: 1, rejected: "true" }] }), "application/json"), 400, "DATOS_INVALIDOS");

  for (const [contentType, body] of [
    ["text/plain", JSON.stringify(valid)],
    ["application/x-www-form-urlencoded", new URLSearchParams({ sellerType: "PLANTA_ENVASADORA", sellerId: "2" }).toString()],
    ["application/xml", "<order><sellerId>2</sellerId></order>"],
    ["application/json; charset=latin1", JSON.stringify(valid)],
  ]) {
    const response = await post("/orders", body, contentType);
    await expectProblem(response, 415, "TIPO_DE_CONTENIDO_NO_ADMITIDO");
    expect(response.headers.get("accept-post")).toBe("application/json");
  }
  // nothing was registered by any of them
  const list = await fetch(`${base()}/api/v1/orders?limit=200`, { headers: { authorization: `Bearer ${key}` } });
  expect(((await list.json()) as { items: { deliveryDate: string }[] }).items.filter((order) => order.deliveryDate === "2026-12-01")).toEqual([]);
});

test("defect 10: a user with a pending step downloads nothing (exports, constancia)", async () => {
  const { cookie } = await signInOverHttp(base(), "inspector");
  expect(cookie).not.toBeNull();
  for (const path of ["/regulador/movimientos/exportar", "/regulador/movimientos/exportar/excel", "/regulador/cumplimiento/exportar/csv", "/regulador/cumplimiento/exportar/excel"]) {
    const response = await landing(base(), path, cookie);
    expect(response.status, path).toBe(403);
    expect(response.body, path).toContain("cambie su contraseña");
  }
  // its pages send it to "Cambiar Contraseña"; that page it may open
  expect((await landing(base(), "/regulador/movimientos", cookie)).location).toContain("/cuenta/contrasena");
  expect((await landing(base(), "/cuenta/contrasena", cookie)).status).toBe(200);
});

test("defect 11: signing out ends the session on the server; a copied cookie stops working", async ({ page }) => {
  await page.goto("/ingresar");
  await page.getByLabel("Usuario").fill("salida");
  await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
  const copied = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  expect((await landing(base(), "/ordenes", copied)).status).toBe(200);

  await page.getByRole("button", { name: "Cerrar Sesión" }).click();
  await expect(page.getByLabel("Usuario")).toBeVisible();
  const after = await landing(base(), "/ordenes", copied);
  expect(after.status).toBe(307);
  expect(after.location).toContain("/ingresar");
  expect((await landing(base(), "/ordenes/54460617869/constancia", copied)).status).toBe(401);
});

test("defect 13: «Cambiar Contraseña» locks after five wrong current passwords", async ({ page }) => {
  await page.goto("/ingresar");
  await page.getByLabel("Usuario").fill("cambio");
  await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
  await page.goto("/cuenta/contrasena");
  const submit = async (current: string) => {
    await page.getByLabel("Contraseña actual").fill(current);
    await page.getByLabel("Nueva contraseña", { exact: true }).fill("una frase nueva y larga");
    await page.getByLabel("Confirmar nueva contraseña").fill("una frase nueva y larga");
    await page.getByRole("button", { name: "Cambiar Contraseña" }).click();
  };
  for (let i = 1; i <= 4; i++) {
    await submit(`equivocada-${i}`);
    await expect(page.getByText("La contraseña actual no es correcta.").first()).toBeVisible();
  }
  await submit("equivocada-5");
  await expect(page.getByText("Demasiados intentos fallidos. Intente nuevamente en 15 minutos.").first()).toBeVisible();
  await submit(DEMO_PASSWORD);
  await expect(page.getByText(/Demasiados intentos fallidos/).first()).toBeVisible();
});

test("ASVS 7.5.2: a user sees its open sessions and, with its password, ends the others", async ({ browser }) => {
  const signIn = async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto("/ingresar");
    await page.getByLabel("Usuario").fill("fotones");
    await page.getByLabel("Contraseña").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Ingresar" }).click();
    await expect(page.getByRole("heading", { name: /Bienvenido/ })).toBeVisible();
    return page;
  };
  const elsewhere = await signIn();
  const here = await signIn();
  await here.goto("/cuenta/seguridad");
  const sessions = here.getByRole("table", { name: "Sesiones abiertas" });
  await expect(sessions.getByText("Esta sesión")).toHaveCount(1);
  expect(await sessions.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);

  await here.getByLabel("Contraseña").fill("equivocada");
  await here.getByRole("button", { name: "Cerrar las demás sesiones" }).click();
  await expect(here.getByText("La contraseña no es correcta.").first()).toBeVisible();
  await here.getByLabel("Contraseña").fill(DEMO_PASSWORD);
  await here.getByRole("button", { name: "Cerrar las demás sesiones" }).click();
  await expect(here.getByText(/Se cerr(ó|aron) \d+ sesi/)).toBeVisible();
  await expect(sessions.locator("tbody tr")).toHaveCount(1);

  await elsewhere.goto("/ordenes");
  await expect(elsewhere).toHaveURL(/\/ingresar/);
  await here.goto("/ordenes");
  await expect(here).toHaveURL(/\/ordenes$/);
});

/** A GET with the given Accept-Encoding, its body as sent (not decompressed). */
function getEncoded(path: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(`${base()}${path}`, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    sent.on("error", reject);
    sent.end();
  });
}

test("issue 16: the build's scripts go Brotli-compressed to browsers that accept it, the same bytes and headers otherwise", async ({ request }) => {
  const html = await (await request.get("/ingresar")).text();
  const scripts = [...html.matchAll(/<script src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]);
  expect(scripts.length).toBeGreaterThan(2);
  for (const script of scripts) {
    const brotli = await getEncoded(script, "gzip, deflate, br, zstd");
    const plain = await getEncoded(script, "identity");
    expect(brotli.status, script).toBe(200);
    expect(brotli.headers["content-encoding"], script).toBe("br");
    expect(brotli.headers["content-type"], script).toMatch(/^application\/javascript/);
    expect(brotli.headers["x-content-type-options"], script).toBe("nosniff");
    expect(brotli.headers["cache-control"], script).toContain("immutable");
    expect(brotli.headers.vary, script).toContain("Accept-Encoding");
    expect(Number(brotli.headers["content-length"]), script).toBe(brotli.body.length);
    expect(plain.headers["content-encoding"], script).toBeUndefined();
    expect(brotliDecompressSync(brotli.body).equals(plain.body), script).toBe(true);
    // smaller than what Next.js's own gzip sends
    expect(brotli.body.length, script).toBeLessThan((await getEncoded(script, "gzip")).body.length);
  }
  // a browser that refuses br gets Next.js's gzip
  expect((await getEncoded(scripts[0], "gzip, br;q=0")).headers["content-encoding"]).toBe("gzip");
});

test("issue 16: the scripts every page starts with carry V8's compile hint, in both encodings; a page's own chunks do not", async ({ request }) => {
  const startUp = startUpScripts(path.resolve(".next")).map((script) => `/_next/${script}`);
  const html = await (await request.get("/ingresar")).text();
  const scripts = [...html.matchAll(/<script src="(\/_next\/static\/[^"]+\.js)"/g)].map((match) => match[1]);
  for (const script of startUp) expect(scripts, script).toContain(script);
  for (const script of scripts) {
    const plain = (await getEncoded(script, "identity")).body.toString("utf8");
    const brotli = brotliDecompressSync((await getEncoded(script, "br")).body).toString("utf8");
    expect(plain.startsWith(COMPILE_HINT), script).toBe(startUp.includes(script));
    expect(brotli, script).toBe(plain);
  }
});
