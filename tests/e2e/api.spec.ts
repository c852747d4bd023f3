import { expect, test } from "@playwright/test";
import { agentIds, call, createApiKey, expectProblem } from "./api-support";
import { signedIn } from "./support";

let ids: Awaited<ReturnType<typeof agentIds>>;
const keys: Record<string, string> = {};

test.beforeAll(async ({ browser }) => {
  ids = await agentIds(browser);
  for (const user of ["comprador", "comprador2", "vendedor", "comercializador", "operador", "regulador"]) {
    keys[user] = await createApiKey(browser, user, `erp-${user}`);
  }
});

const flowA = (volume: string) => ({ sellerType: "PLANTA_ENVASADORA", sellerId: ids.fermiones, volume, deliveryDate: "2026-11-30" });
const flowB = (volume: string) => ({ sellerType: "COMERCIALIZADOR", sellerId: ids.gluones, plantId: ids.leptones, volume, deliveryDate: "2026-11-30" });

async function register(request: Parameters<typeof call>[0], body: object, key = keys.comprador): Promise<string> {
  const response = await call(request, { path: "/orders", key, body });
  expect(response.status(), await response.text()).toBe(201);
  const created = await response.json();
  expect(created.code).toMatch(/^\d{11}$/);
  expect(created.state).toBe("SOLICITADO");
  return created.code;
}

test("flow a over the API: register, sell two lots, close one received and one rejected", async ({ request }) => {
  const code = await register(request, flowA("1000"));
  const sale = await call(request, {
    path: `/orders/${code}/sale`,
    key: keys.vendedor,
    body: { lots: [{ volume: "600", plate: "C4F-721", guiaRemision: "T001-00020001", factura: "F001-00030001" }, { volume: 400, plate: "D2K845", guiaRemision: "T001-00020002", factura: "F001-00030002" }] },
  });
  expect(sale.status(), await sale.text()).toBe(200);
  expect(await sale.json()).toMatchObject({ code, state: "POR_CERRAR" });

  // The descarga is declared with its zone; a bare wall-clock time is refused.
  const unloadedAt = new Date();
  const bare = await call(request, {
    path: `/orders/${code}/close`,
    key: keys.comprador,
    body: { lots: [{ position: 1, rejected: false, receivedVolume: "598.25", unloadedAt: "2026-12-06T08:30" }, { position: 2, rejected: true }] },
  });
  await expectProblem(bare, 400, "DATOS_INVALIDOS");
  const close = await call(request, {
    path: `/orders/${code}/close`,
    key: keys.comprador,
    body: { lots: [{ position: 1, rejected: false, receivedVolume: "598.25", unloadedAt: unloadedAt.toISOString() }, { position: 2, rejected: true }] },
  });
  expect(close.status(), await close.text()).toBe(200);
  expect(await close.json()).toMatchObject({ code, state: "CERRADO", daysLate: 0, dueDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

  const order = await (await call(request, { method: "GET", path: `/orders/${code}`, key: keys.comprador })).json();
  expect(order).toMatchObject({ state: "CERRADO", daysLate: 0, latenessBasis: "DESCARGA", nonDeliveryKnownAt: null });
  expect(order.lots).toMatchObject([
    { position: 1, soldVolume: "600.00", receivedVolume: "598.25", rejected: false, unloadedAt: unloadedAt.toISOString() },
    { position: 2, soldVolume: "400.00", plate: "D2K-845", rejected: true, unloadedAt: null },
  ]);
  expect(order.movements.map((movement: { event: string }) => movement.event)).toEqual(["SOLICITADO", "VENDIDO", "CERRADO"]);
});

test("flow b over the API: register, sell, dispatch from the plant, close", async ({ request }) => {
  const code = await register(request, flowB("500.50"));
  const sale = await call(request, { path: `/orders/${code}/sale`, key: keys.comercializador, body: { lots: [{ volume: "500.50", plate: "T8A-870", guiaRemision: "T002-00000101", factura: "F002-00000201" }] } });
  expect(await sale.json()).toMatchObject({ state: "VENDIDO" });
  const dispatch = await call(request, { path: `/orders/${code}/dispatch`, key: keys.operador, body: { lots: [{ position: 1, volume: "500" }] } });
  expect(dispatch.status(), await dispatch.text()).toBe(200);
  expect(await dispatch.json()).toMatchObject({ state: "POR_CERRAR" });
  const close = await call(request, { path: `/orders/${code}/close`, key: keys.comprador, body: { lots: [{ position: 1, rejected: false, receivedVolume: "500" }] } });
  expect(await close.json()).toMatchObject({ state: "CERRADO" });

  const order = await (await call(request, { method: "GET", path: `/orders/${code}`, key: keys.regulador })).json();
  expect(order.movements.map((movement: { event: string }) => movement.event)).toEqual(["SOLICITADO", "VENDIDO", "DESPACHADO", "CERRADO"]);
  expect(order.lots[0]).toMatchObject({ soldVolume: "500.50", dispatchedVolume: "500.00", receivedVolume: "500.00" });

  const movements = await call(request, { method: "GET", path: `/movements?event=DESPACHADO&limit=200`, key: keys.regulador });
  expect(movements.status()).toBe(200);
  expect((await movements.json()).items.some((movement: { orderCode: string }) => movement.orderCode === code)).toBe(true);
});

test("a rejection over the API, from SOLICITADO, records when the buyer learned the product would not arrive", async ({ request }) => {
  const code = await register(request, flowA("75"));
  const knownAt = new Date().toISOString();
  const future = await call(request, { path: `/orders/${code}/reject`, key: keys.comprador, body: { reason: "El proveedor no tiene stock", nonDeliveryKnownAt: new Date(Date.now() + 3_600_000).toISOString() } });
  await expectProblem(future, 400, "FECHA_DECLARADA_INVALIDA");
  const rejected = await call(request, { path: `/orders/${code}/reject`, key: keys.comprador, body: { reason: "El proveedor no tiene stock", nonDeliveryKnownAt: knownAt } });
  expect(rejected.status(), await rejected.text()).toBe(200);
  expect(await rejected.json()).toMatchObject({ code, state: "RECHAZADO", daysLate: 0 });
  const order = await (await call(request, { method: "GET", path: `/orders/${code}`, key: keys.comprador })).json();
  expect(order).toMatchObject({ state: "RECHAZADO", latenessBasis: "AVISO", daysLate: 0, rejectionReason: "El proveedor no tiene stock" });
  expect(new Date(order.nonDeliveryKnownAt).getTime()).toBe(new Date(knownAt).getTime());
});

test("each error status is a problem response with a stable code and a Spanish detail", async ({ request, browser }) => {
  const code = await register(request, flowA("50"));

  const invalid = await expectProblem(await call(request, { path: "/orders", key: keys.comprador, body: { ...flowA("abc") } }), 400, "DATOS_INVALIDOS");
  expect(invalid.errors?.volume?.[0]).toMatch(/galones/);
  await expectProblem(await call(request, { path: "/orders", key: keys.comprador, rawBody: "{not json" }), 400, "JSON_INVALIDO");
  const wrongDigit = code.slice(0, 10) + ((Number(code[10]) + 1) % 10);
  await expectProblem(await call(request, { method: "GET", path: `/orders/${wrongDigit}`, key: keys.comprador }), 400, "DATOS_INVALIDOS");

  await expectProblem(await call(request, { method: "GET", path: `/orders/${code}`, key: null }), 401, "NO_AUTENTICADO");
  await expectProblem(await call(request, { method: "GET", path: `/orders/${code}`, key: "scop_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" }), 401, "NO_AUTENTICADO");

  await expectProblem(await call(request, { path: "/orders", key: keys.regulador, body: flowA("10") }), 403, "NO_AUTORIZADO");
  await expectProblem(await call(request, { method: "GET", path: "/movements", key: keys.comprador }), 403, "NO_AUTORIZADO");

  // Another agent's order does not exist for it: not for reading, not for acting.
  await expectProblem(await call(request, { method: "GET", path: `/orders/${code}`, key: keys.comprador2 }), 404, "ORDEN_NO_ENCONTRADA");
  await expectProblem(await call(request, { path: `/orders/${code}/annul`, key: keys.comprador2 }), 404, "ORDEN_NO_ENCONTRADA");
  const list = await (await call(request, { method: "GET", path: "/orders?limit=200", key: keys.comprador2 })).json();
  expect(list.items.map((order: { code: string }) => order.code)).not.toContain(code);

  expect((await call(request, { path: `/orders/${code}/annul`, key: keys.comprador })).status()).toBe(200);
  await expectProblem(await call(request, { path: `/orders/${code}/annul`, key: keys.comprador }), 409, "TRANSICION_NO_PERMITIDA");
  await expectProblem(await call(request, { path: "/orders", key: keys.comprador, body: flowA("9999999") }), 422, "CAPACIDAD_INSUFICIENTE");

  // A revoked key stops working at once.
  const temporary = await createApiKey(browser, "comprador", "temporal");
  expect((await call(request, { method: "GET", path: "/orders", key: temporary })).status()).toBe(200);
  const owner = await signedIn(browser, "comprador");
  await owner.goto("/claves-api");
  await owner.getByRole("button", { name: "Revocar temporal" }).click();
  await owner.getByRole("button", { name: "Aceptar" }).click();
  await expect(owner.getByText("Revocada").first()).toBeVisible();
  await expectProblem(await call(request, { method: "GET", path: "/orders", key: temporary }), 401, "NO_AUTENTICADO");
});

test("a repeated Idempotency-Key returns the first result and changes nothing; another body is refused", async ({ request }) => {
  const idempotencyKey = `pedido-${Date.now()}`;
  const before = (await (await call(request, { method: "GET", path: "/orders?state=SOLICITADO&limit=200", key: keys.comprador2 })).json()).items.length;
  const first = await call(request, { path: "/orders", key: keys.comprador2, body: flowA("60"), headers: { "idempotency-key": idempotencyKey } });
  expect(first.status()).toBe(201);
  const again = await call(request, { path: "/orders", key: keys.comprador2, body: flowA("60"), headers: { "idempotency-key": idempotencyKey } });
  expect(again.status()).toBe(201);
  expect(again.headers()["idempotency-replayed"]).toBe("true");
  expect(await again.json()).toEqual(await first.json());
  const after = (await (await call(request, { method: "GET", path: "/orders?state=SOLICITADO&limit=200", key: keys.comprador2 })).json()).items.length;
  expect(after).toBe(before + 1);

  await expectProblem(await call(request, { path: "/orders", key: keys.comprador2, body: flowA("61"), headers: { "idempotency-key": idempotencyKey } }), 422, "IDEMPOTENCIA_CONFLICTO");
});

test("a body the schema refuses does not use up its Idempotency-Key: the corrected body is accepted with the same key", async ({ request }) => {
  const idempotencyKey = `corregido-${Date.now()}`;
  const invalid = { ...flowA("62"), volume: "sesenta" };
  await expectProblem(await call(request, { path: "/orders", key: keys.comprador2, body: invalid, headers: { "idempotency-key": idempotencyKey } }), 400, "DATOS_INVALIDOS");
  // another invalid body with the same key is the same 400, not a reused key
  await expectProblem(await call(request, { path: "/orders", key: keys.comprador2, body: { ...invalid, deliveryDate: "mañana" }, headers: { "idempotency-key": idempotencyKey } }), 400, "DATOS_INVALIDOS");
  const corrected = await call(request, { path: "/orders", key: keys.comprador2, body: flowA("62"), headers: { "idempotency-key": idempotencyKey } });
  expect(corrected.status()).toBe(201);
  expect(corrected.headers()["idempotency-replayed"]).toBeUndefined();
});

test("orders are listed with cursor pagination, without repeats or gaps", async ({ request }) => {
  for (let i = 0; i < 5; i++) await register(request, flowA(String(11 + i)), keys.comprador2);
  const all = (await (await call(request, { method: "GET", path: "/orders?limit=200", key: keys.comprador2 })).json()).items.map((order: { code: string }) => order.code);
  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { code: string }[]; nextCursor: string | null } = await (
      await call(request, { method: "GET", path: `/orders?limit=2${cursor ? `&cursor=${cursor}` : ""}`, key: keys.comprador2 })
    ).json();
    expect(page.items.length).toBeLessThanOrEqual(2);
    paged.push(...page.items.map((order) => order.code));
    cursor = page.nextCursor;
  } while (cursor);
  expect(paged).toEqual(all);
  expect(new Set(paged).size).toBe(paged.length);
});

test("a key that sends too many requests gets 429 with Retry-After", async ({ request, browser }) => {
  const key = await createApiKey(browser, "comprador2", "rafaga");
  const limit = Number(process.env.SCOP_API_RATE_LIMIT_PER_MINUTE ?? 3000);
  let limited: Awaited<ReturnType<typeof call>> | null = null;
  for (let sent = 0; sent <= limit && !limited; sent += 50) {
    const batch = await Promise.all(Array.from({ length: 50 }, () => call(request, { method: "GET", path: "/orders?limit=1", key })));
    limited = batch.find((response) => response.status() === 429) ?? null;
  }
  expect(limited, "no 429 after the limit").not.toBeNull();
  await expectProblem(limited!, 429, "DEMASIADAS_SOLICITUDES");
  expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
});
