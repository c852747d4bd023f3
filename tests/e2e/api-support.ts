import { expect, type APIRequestContext, type APIResponse, type Browser } from "@playwright/test";
import { signedIn } from "./support";

/** A new API key made through the portal's "Claves de API" screen by a demo user. */
export async function createApiKey(browser: Browser, username: string, name = `clave-${Date.now()}`): Promise<string> {
  const page = await signedIn(browser, username);
  await page.goto("/claves-api");
  await page.getByLabel("Nombre de la clave").fill(name);
  await page.getByRole("button", { name: "Crear Clave" }).click();
  const key = (await page.getByTestId("api-key").textContent())?.trim() ?? "";
  expect(key).toMatch(/^scop_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{32}$/);
  await page.context().close();
  return key;
}

/** The agent ids an ERP would have in its master data, read off the registration screen. */
export async function agentIds(browser: Browser): Promise<Record<"fermiones" | "gluones" | "leptones", number>> {
  const page = await signedIn(browser, "comprador");
  await page.goto("/compras/generar");
  const valueOf = async (select: string, text: RegExp) => {
    const options = page.getByLabel(select, { exact: true }).locator("option");
    const all = await options.evaluateAll((list) => list.map((option) => [option.textContent ?? "", (option as HTMLOptionElement).value]));
    const found = all.find(([label]) => text.test(label));
    expect(found, String(text)).toBeTruthy();
    return Number(found![1]);
  };
  await page.getByLabel("Tipo de Agente Vendedor").selectOption({ label: "Planta Envasadora" });
  const fermiones = await valueOf("Agente Vendedor", /Fermiones/);
  await page.getByLabel("Tipo de Agente Vendedor").selectOption({ label: "Productor / Comercializador" });
  const gluones = await valueOf("Agente Vendedor", /Gluones/);
  const leptones = await valueOf("Planta de Abastecimiento", /Leptones/);
  await page.context().close();
  return { fermiones, gluones, leptones };
}

export interface Call {
  method?: "GET" | "POST";
  path: string;
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call(request: APIRequestContext, { method = "POST", path, key, body, rawBody, headers = {} }: Call): Promise<APIResponse> {
  const allHeaders: Record<string, string> = { ...headers };
  if (key) allHeaders.authorization = `Bearer ${key}`;
  if (body !== undefined || rawBody !== undefined) allHeaders["content-type"] ??= "application/json";
  return request.fetch(`/api/v1${path}`, {
    method,
    headers: allHeaders,
    data: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    failOnStatusCode: false,
    maxRedirects: 0,
  });
}

/** Asserts an RFC 9457 problem response with this status and code; returns its body. */
export async function expectProblem(response: APIResponse, status: number, code: string) {
  expect(response.status(), await response.text()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const problem = await response.json();
  expect(problem).toMatchObject({ status, code });
  expect(typeof problem.detail).toBe("string");
  expect(problem.detail.length).toBeGreaterThan(5);
  return problem as { code: string; detail: string; errors?: Record<string, string[]> };
}
