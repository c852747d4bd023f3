/**
 * Issue 17 in the browser: the seller's bell counts up without a reload when a buyer registers an
 * order; a buyer turns on e-mail for "vendido" and the e-mail arrives at a real SMTP server
 * (started here on E2E_PORT + 5, where playwright.config.ts points the server's SCOP_SMTP_URL);
 * an agent registers a webhook on the screen, sees its delivery in the log and resends it; the
 * administrator reads the e-mail outbox; the API manages webhooks and refuses other agents'.
 */
import { expect, test, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";
import { startWebhookReceiver, type WebhookReceiver } from "@/harness/webhook-receiver";
import { createApiKey } from "./api-support";
import { FLOW_A, registerOrder, sell, signedIn } from "./support";

const SMTP_PORT = Number(process.env.E2E_PORT ?? 3100) + 5;
let smtp: SmtpReceiver;
let receiver: WebhookReceiver;

test.beforeAll(async () => {
  smtp = await startSmtpReceiver(SMTP_PORT);
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await smtp?.close();
  await receiver?.close();
});

const bell = (page: Page) => page.getByRole("banner").getByRole("link", { name: /^Notificaciones: / });
async function unread(page: Page): Promise<number> {
  const label = (await bell(page).getAttribute("aria-label")) ?? "";
  return /ninguna/.test(label) ? 0 : Number(/(\d+) sin leer/.exec(label)?.[1]);
}

test("the seller's bell counts up when a buyer registers an order, without reloading; the notification opens the order", async ({ browser }) => {
  const seller = await signedIn(browser, "vendedor");
  await seller.goto("/ordenes");
  const before = await unread(seller);
  const marker = await seller.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));

  const buyer = await signedIn(browser, "comprador2");
  const code = await registerOrder(buyer, { ...FLOW_A, volume: "750" });

  await expect.poll(() => unread(seller), { timeout: 20_000 }).toBeGreaterThan(before);
  const risen = await unread(seller);
  // the same page, never reloaded
  expect(await seller.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);

  await bell(seller).click();
  await expect(seller.getByRole("heading", { name: "Notificaciones" })).toBeVisible();
  const item = seller.getByRole("listitem").filter({ hasText: `Nueva orden de pedido ${code}` });
  await expect(item).toContainText("Grifo Los Taus S.A.C. solicitó 750.00 gal");
  await expect(item.getByText("Nueva", { exact: true })).toBeVisible();
  await item.getByRole("link", { name: `Nueva orden de pedido ${code}` }).click();
  await expect(seller).toHaveURL(new RegExp(`/ordenes/${code}$`));
  // opened, it is read: the bell counts one less
  await expect.poll(() => unread(seller)).toBe(risen - 1);

  // the buyer's own bell did not move for its own order, and another seller heard nothing of it
  const other = await signedIn(browser, "quarks");
  await other.goto("/notificaciones");
  await expect(other.getByText(code)).toHaveCount(0);
});

test("a buyer turns on e-mail for «vendido»: when the seller sells, the e-mail arrives with the code and a link back", async ({ browser }) => {
  const buyer = await signedIn(browser, "fotones");
  await buyer.goto("/notificaciones/preferencias");
  await buyer.getByLabel("Correo electrónico").fill("diego.castro@fotones.example");
  await buyer.getByLabel("Orden vendida (ACEPTADO/VENDIDO)").check();
  await buyer.getByRole("button", { name: "Guardar preferencias" }).click();
  await expect(buyer.getByText("Sus preferencias de correo se guardaron.")).toBeVisible();
  await buyer.reload();
  await expect(buyer.getByLabel("Orden vendida (ACEPTADO/VENDIDO)")).toBeChecked();

  const code = await registerOrder(buyer, { ...FLOW_A, volume: "420" });
  const seller = await signedIn(browser, "vendedor");
  await sell(seller, code, [{ volume: "420", plate: "C4F-721", guia: "T001-00077001", factura: "F001-00066001" }]);

  await expect
    .poll(() => smtp.messages.filter((message) => message.to.includes("diego.castro@fotones.example")).length, { timeout: 30_000 })
    .toBe(1);
  const mail = smtp.messages.find((message) => message.to.includes("diego.castro@fotones.example"))!;
  expect(mail.subject).toBe(`SCOP GLP: Orden ${code} vendida`);
  expect(mail.text).toContain(`Código de Autorización: ${code}`);
  expect(mail.text).toContain("Planta Envasadora Fermiones S.A.C. registró la venta (ACEPTADO/VENDIDO)");
  expect(mail.text).toMatch(new RegExp(`http://[^\\s]+/ordenes/${code}`));
  expect(mail.text).not.toContain("Bosón de Higgs");
});

test("an agent registers a webhook on the screen, sees the signed delivery in its log and resends it", async ({ browser }) => {
  const buyer = await signedIn(browser, "comprador");
  await buyer.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Webhooks" }).click();
  await buyer.getByLabel("URL (HTTPS)").fill(`${receiver.url}/erp`);
  await buyer.getByLabel("Descripción (opcional)").fill("ERP de Bosón de Higgs");
  await buyer.getByRole("button", { name: "Registrar webhook" }).click();
  const secret = (await buyer.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);

  const code = await registerOrder(buyer, { ...FLOW_A, volume: "333" });
  await expect.poll(() => receiver.requests.filter((request) => request.path === "/erp").length, { timeout: 20_000 }).toBe(1);
  const [request] = receiver.requests.filter((candidate) => candidate.path === "/erp");
  const payload = new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  }) as { type: string; data: { order: { code: string } } };
  expect(payload).toMatchObject({ type: "orden.solicitada", data: { order: { code } } });

  await buyer.goto("/webhooks");
  await buyer.getByRole("link", { name: `Ver entregas de ${receiver.url}/erp` }).click();
  const row = buyer.getByRole("row").filter({ hasText: code });
  await expect(row).toContainText("Entregado");
  await expect(row).toContainText("204");
  await expect(row).toContainText(/\d+ ms/);
  await row.getByRole("button", { name: /^Reenviar msg_/ }).click();
  await expect(buyer.getByText(/reenviado: HTTP 204 en \d+ ms/)).toBeVisible();
  expect(receiver.requests.filter((candidate) => candidate.path === "/erp").map((candidate) => candidate.headers["webhook-id"])).toEqual([
    request.headers["webhook-id"],
    request.headers["webhook-id"],
  ]);
});

test("the administrator reads the portal's e-mail outbox", async ({ browser }) => {
  const admin = await signedIn(browser, "admin");
  await admin.getByRole("navigation", { name: "Menú principal" }).getByRole("link", { name: "Correos" }).click();
  // a route's code loads when first asked for (next.config.ts): allow a busy machine its time
  await expect(admin).toHaveURL(/\/correos$/, { timeout: 30_000 });
  await expect(admin.getByRole("heading", { name: "Correos" })).toBeVisible({ timeout: 30_000 });
  await expect(admin.getByRole("table", { name: "Bandeja de correos" }).getByText("comprador@scop-demo.example").first()).toBeVisible();
  await expect(admin.getByText(/SCOP GLP: Orden \d{11} vendida/).first()).toBeVisible();
  // and nobody else may
  const buyer = await signedIn(browser, "comprador");
  await buyer.goto("/correos");
  await expect(buyer).toHaveURL(/no-autorizado/);
});

test("the API manages an agent's webhooks and never shows another agent's", async ({ browser, request }) => {
  const sellerKey = await createApiKey(browser, "vendedor");
  const otherKey = await createApiKey(browser, "comercializador");
  const created = await request.post("/api/v1/webhooks", {
    headers: { Authorization: `Bearer ${sellerKey}` },
    data: { url: `${receiver.url}/api`, eventTypes: ["orden.solicitada", "orden.anulada"] },
  });
  expect(created.status()).toBe(201);
  const endpoint = await created.json();
  expect(endpoint).toMatchObject({ url: `${receiver.url}/api`, eventTypes: ["orden.solicitada", "orden.anulada"], enabled: true });
  expect(endpoint.secret).toMatch(/^whsec_/);

  const list = await (await request.get("/api/v1/webhooks", { headers: { Authorization: `Bearer ${sellerKey}` } })).json();
  expect(list.items.map((item: { id: number }) => item.id)).toContain(endpoint.id);
  expect(JSON.stringify(list)).not.toContain("whsec_");
  const patched = await request.patch(`/api/v1/webhooks/${endpoint.id}`, { headers: { Authorization: `Bearer ${sellerKey}` }, data: { enabled: false } });
  expect((await patched.json()).enabled).toBe(false);
  const rotated = await request.post(`/api/v1/webhooks/${endpoint.id}/rotate-secret`, { headers: { Authorization: `Bearer ${sellerKey}` } });
  expect((await rotated.json()).secret).toMatch(/^whsec_/);

  for (const [method, path] of [
    ["get", `/api/v1/webhooks/${endpoint.id}`],
    ["get", `/api/v1/webhooks/${endpoint.id}/deliveries`],
    ["delete", `/api/v1/webhooks/${endpoint.id}`],
  ] as const) {
    const answer = await request[method](path, { headers: { Authorization: `Bearer ${otherKey}` } });
    expect(answer.status(), `${method} ${path}`).toBe(404);
    expect((await answer.json()).code).toBe("WEBHOOK_NO_ENCONTRADO");
  }
  const bad = await request.post("/api/v1/webhooks", { headers: { Authorization: `Bearer ${sellerKey}` }, data: { url: "ftp://x", eventTypes: ["orden.vendida"] } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors.url[0]).toMatch(/HTTPS/);
  const deleted = await request.delete(`/api/v1/webhooks/${endpoint.id}`, { headers: { Authorization: `Bearer ${sellerKey}` } });
  expect(deleted.status()).toBe(200);
});
