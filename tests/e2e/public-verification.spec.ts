/**
 * The public verification page, signed out, on a phone (390 px): a code typed and verified in the
 * browser against the signed log, a mistyped code, a plate with today's open lot, a QR read from
 * a photo; and the log's public endpoints without a session.
 */
import path from "node:path";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { PDFDocument } from "pdf-lib";
import QRCode from "qrcode";
import { POSTGRES_ADMIN_URL_VARIABLE } from "../support/playwright-setup";
import { openReadOnlySql } from "@/lib/db/read-only-sql";
import { sql } from "@/lib/db/sql";
import { sha256 } from "@/lib/log/node-crypto";
import { parseVerifierKey } from "@/lib/log/note";
import { verifyRemote } from "@/lib/log/verify-remote";
import { agentIds, call, createApiKey } from "./api-support";
import { limaToday, signedIn } from "./support";

const DEMO_VKEY = "demo.scop-glp.pe/registro+80151c15+AVPvy20cxrSSbm9SpLk3V1pD9u3WAaOM65JRCaGfsinX";

const PHONE = { width: 390, height: 844 };

interface DemoFacts {
  closedFlowB: string;
}

const CLOSED_FLOW_B = sql`SELECT code AS "code" FROM orders WHERE flow = 'B' AND state = 'CERRADO' ORDER BY id LIMIT 1`;
// movements of the order not yet under a signed checkpoint of the log
const UNSIGNED_MOVEMENTS = (code: string) => sql`SELECT COUNT(*) AS "unsigned" FROM movements m JOIN orders o ON o.id = m.order_id
  WHERE o.code = ${code} AND NOT EXISTS (SELECT 1 FROM log_leaves l WHERE l.kind = 'MOVEMENT' AND l.source_id = m.id
    AND l.leaf_index < (SELECT MAX(tree_size) FROM log_checkpoints))`;

function databaseUrlOf(project: string): string {
  if (project !== "postgresql") return `file:${path.resolve("data/e2e.db")}`;
  const admin = new URL(process.env[POSTGRES_ADMIN_URL_VARIABLE]!);
  admin.pathname = "/scop_e2e";
  return admin.toString();
}

/** Codes of the demo data (lib/seed/demo.ts), read from the database the project's server uses. */
async function demoFacts(project: string): Promise<DemoFacts> {
  const reader = await openReadOnlySql(databaseUrlOf(project));
  try {
    const [closedFlowB] = await reader.all<{ code: string }>(CLOSED_FLOW_B);
    return { closedFlowB: closedFlowB.code };
  } finally {
    await reader.close();
  }
}

/**
 * A flow-a order sold now over the API on a registered truck: an open lot of today by the server's
 * clock, whatever day the demo was seeded on; returned once the log's signed checkpoint holds its
 * movements, so that the browser can verify it.
 */
async function soldNow(browser: Browser, request: APIRequestContext, project: string): Promise<{ code: string; plate: string }> {
  const plate = "D2K-845";
  const ids = await agentIds(browser);
  const buyer = await createApiKey(browser, "comprador", `placa-${Date.now()}`);
  const seller = await createApiKey(browser, "vendedor", `placa-${Date.now()}`);
  const registered = await call(request, { path: "/orders", key: buyer, body: { sellerType: "PLANTA_ENVASADORA", sellerId: ids.fermiones, volume: "120", deliveryDate: limaToday() } });
  expect(registered.status(), await registered.text()).toBe(201);
  const { code } = (await registered.json()) as { code: string };
  const serial = String(Date.now() % 100_000_000).padStart(8, "0");
  const sale = await call(request, { path: `/orders/${code}/sale`, key: seller, body: { lots: [{ volume: "120", plate, guiaRemision: `T001-${serial}`, factura: `F001-${serial}` }] } });
  expect(sale.status(), await sale.text()).toBe(200);
  const reader = await openReadOnlySql(databaseUrlOf(project));
  try {
    await expect.poll(async () => Number((await reader.all<{ unsigned: unknown }>(UNSIGNED_MOVEMENTS(code)))[0].unsigned), { timeout: 30_000 }).toBe(0);
  } finally {
    await reader.close();
  }
  return { code, plate };
}

test.describe("public verification, signed out, on a phone", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test("a code: valid, its state, parties and movements, verified in the browser against the signed log", async ({ page }, testInfo) => {
    const { closedFlowB } = await demoFacts(testInfo.project.name);
    await page.goto("/verificar");
    await expect(page).toHaveURL(/\/verificar$/); // no sign-in
    await expect(page.getByRole("heading", { name: "Verificación pública" })).toBeVisible();

    await page.getByLabel("Código de Autorización", { exact: true }).fill(closedFlowB);
    await page.getByRole("button", { name: "Verificar", exact: true }).click();
    const answer = page.getByTestId("respuesta-codigo");
    await expect(answer.getByText("Es una orden de pedido del SCOP GLP.")).toBeVisible();
    await expect(answer.getByText("CERRADO", { exact: true })).toBeVisible();
    await expect(answer.getByText("Comercializadora Gluones S.A.")).toBeVisible();
    await expect(answer.getByText(/Bosón de Higgs/)).toBeVisible();
    await expect(answer.getByText(/Planta de Abastecimiento Callao/)).toBeVisible();
    for (const event of ["Solicitado", "Vendido", "Despachado", "Cerrado"]) await expect(answer.getByText(event, { exact: true })).toBeVisible();
    await expect(page.getByText("✓ Verificado en el registro firmado")).toBeVisible();
    await expect(page.getByText(/registro de movimientos de [\d,]+ hojas firmado por demo\.scop-glp\.pe\/registro/)).toBeVisible();
    // nothing private: no volumes, plates, documents or people
    await expect(answer).not.toContainText(/gal\b|C4F-|T001-|F001-|Usuario/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: "screenshots/verificar-codigo-390.png", fullPage: true });

    // a mistyped code (its check digit fails)
    const mistyped = closedFlowB.slice(0, 10) + String((Number(closedFlowB[10]) + 1) % 10);
    await page.getByLabel("Código de Autorización", { exact: true }).fill(mistyped);
    await page.getByRole("button", { name: "Verificar", exact: true }).click();
    await expect(page.getByText(`El código ${mistyped} no es una orden de pedido del SCOP GLP.`)).toBeVisible();
    await expect(page.getByText(/dígito verificador no coincide/)).toBeVisible();
  });

  test("a plate: its open lot sold today, with the order's code, which can then be verified", async ({ page, browser, request }, testInfo) => {
    const sold = await soldNow(browser, request, testInfo.project.name);
    await page.goto("/verificar");
    await page.getByRole("tab", { name: "Placa de cisterna" }).click();
    await page.getByLabel("Placa de la cisterna").fill(sold.plate.replace("-", "").toLowerCase());
    await page.getByRole("button", { name: "Verificar", exact: true }).click();
    const answer = page.getByTestId("respuesta-placa");
    await expect(answer.getByText(sold.plate, { exact: true })).toBeVisible();
    await expect(answer.getByText(/Camión tanque registrado \(N° \d{5}-\d{3}-\d{6}\)/)).toBeVisible();
    await expect(answer.getByText("VIGENTE", { exact: true })).toBeVisible();
    await expect(answer.getByText(sold.code)).toBeVisible();
    // other specs may have sold on the same registered truck today: its lots are listed, this one among them
    await expect(answer.getByText(/vendido \d\d:\d\d:\d\d/).first()).toBeVisible();
    await page.screenshot({ path: "screenshots/verificar-placa-390.png", fullPage: true });

    await answer.getByRole("button", { name: `Verificar este código ${sold.code}` }).click();
    await expect(page.getByTestId("respuesta-codigo").getByText("POR CERRAR", { exact: true })).toBeVisible();
    await expect(page.getByText("✓ Verificado en el registro firmado")).toBeVisible();

    // a plate no lot ever carried
    await page.getByRole("tab", { name: "Placa de cisterna" }).click();
    await page.getByLabel("Placa de la cisterna").fill("ZZZ-999");
    await page.getByRole("button", { name: "Verificar", exact: true }).click();
    await expect(page.getByText("No está registrada como camión tanque.")).toBeVisible();
  });

  test("a QR code from a photo (a constancia's link) opens the code's answer", async ({ page, baseURL }, testInfo) => {
    const { closedFlowB } = await demoFacts(testInfo.project.name);
    const png = await QRCode.toBuffer(`${baseURL}/verificar?codigo=${closedFlowB}`, { width: 400, margin: 4 });
    await page.goto("/verificar");
    await page.getByTestId("qr-photo").setInputFiles({ name: "qr.png", mimeType: "image/png", buffer: png });
    await expect(page.getByTestId("respuesta-codigo").getByText(closedFlowB)).toBeVisible();
    await expect(page.getByText("✓ Verificado en el registro firmado")).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`codigo=${closedFlowB}`));
  });
});

test("the log's endpoints answer without a session: checkpoint, key, proofs, a tile", async ({ request }) => {
  const checkpoint = await request.get("/api/log/checkpoint");
  expect(checkpoint.status()).toBe(200);
  expect(checkpoint.headers()["content-type"]).toContain("text/plain");
  const note = await checkpoint.text();
  const [origin, size] = note.split("\n");
  expect(origin).toBe("demo.scop-glp.pe/registro");
  expect(Number(size)).toBeGreaterThan(10);
  expect(note).toMatch(/\n\n— demo\.scop-glp\.pe\/registro \S+\n$/);
  expect((await (await request.get("/api/log/key")).text()).trim()).toMatch(/^demo\.scop-glp\.pe\/registro\+[0-9a-f]{8}\+/);
  const proof = await request.get(`/api/log/proof/inclusion?index=0&size=${size}`);
  expect(proof.status()).toBe(200);
  expect(proof.headers()["cache-control"]).toContain("immutable");
  expect((await proof.json()).proof.length).toBeGreaterThan(0);
  const tile = await request.get(`/api/log/tile/0/000.p/${Math.min(Number(size), 255)}`);
  expect(tile.status()).toBe(200);
  expect((await tile.body()).length).toBe(32 * Math.min(Number(size), 255));
  expect((await request.get(`/api/log/proof/inclusion?index=0&size=${Number(size) + 1000}`)).status()).toBe(404);
});

test("the constancia carries the proof annex of its movements", async ({ browser }, testInfo) => {
  const { closedFlowB } = await demoFacts(testInfo.project.name);
  const buyer = await signedIn(browser, "comprador");
  const pdf = await buyer.request.get(`/ordenes/${closedFlowB}/constancia`);
  expect(pdf.status()).toBe(200);
  const document = await PDFDocument.load(await pdf.body());
  expect(document.getPageCount()).toBe(2); // the constancia and its annex
});

test("verify:log --url checks the whole log from the public endpoints only, and refuses another key", async ({ baseURL }, testInfo) => {
  const { closedFlowB } = await demoFacts(testInfo.project.name);
  const report = await verifyRemote(baseURL!, { keys: [parseVerifierKey(sha256, DEMO_VKEY)], codes: [closedFlowB] }, () => undefined);
  expect(report.lines.join("\n")).toMatch(/El árbol completo \(\d+ hojas\) da la raíz firmada/);
  expect(report.lines.join("\n")).toContain(`Código ${closedFlowB}:`);
  expect(report.ok).toBe(true);
  const other = parseVerifierKey(sha256, "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  const refused = await verifyRemote(baseURL!, { keys: [other], codes: [] }, () => undefined);
  expect(refused.ok).toBe(false);
  expect(refused.lines.join("\n")).toMatch(/clave de confianza/);
});

test("on a desktop the page keeps its phone-first column", async ({ page }, testInfo) => {
  const { closedFlowB } = await demoFacts(testInfo.project.name);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/verificar?codigo=${closedFlowB}`);
  await expect(page.getByText("✓ Verificado en el registro firmado")).toBeVisible();
  const column = await page.locator("main").boundingBox();
  expect(column!.width).toBeLessThanOrEqual(672);
  await page.screenshot({ path: "screenshots/verificar-codigo-escritorio.png", fullPage: true });
});
