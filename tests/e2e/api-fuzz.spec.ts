import fc from "fast-check";
import { expect, test } from "@playwright/test";
import { agentIds, call, createApiKey } from "./api-support";

/**
 * Thousands of random and malformed requests against every write endpoint: each gets a 4xx
 * problem response, never a 5xx, and nothing changes.
 */
const RUNS_PER_ENDPOINT = 300;

const anyJson = fc.oneof(
  fc.anything(),
  fc.jsonValue(),
  fc.record({
    sellerType: fc.oneof(fc.constantFrom("PLANTA_ENVASADORA", "COMERCIALIZADOR", "GASOCENTRO", ""), fc.string()),
    sellerId: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.constant(null)),
    plantId: fc.oneof(fc.integer(), fc.string(), fc.constant(null)),
    volume: fc.oneof(fc.string(), fc.double(), fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("1e3", "0", "-5", "1,00,0", "NaN", "Infinity", "10000001", "0.001")),
    deliveryDate: fc.oneof(fc.string(), fc.constantFrom("2026-02-30", "30/11/2026", "")),
    comment: fc.oneof(fc.string({ maxLength: 2000 }), fc.integer()),
  }),
  fc.record({
    lots: fc.oneof(
      fc.array(
        fc.record({
          position: fc.oneof(fc.integer(), fc.string(), fc.double()),
          volume: fc.oneof(fc.string(), fc.double(), fc.integer()),
          receivedVolume: fc.oneof(fc.string(), fc.double()),
          unloadedAt: fc.oneof(fc.string(), fc.date({ noInvalidDate: false }).map((date) => (Number.isNaN(date.getTime()) ? "NaN" : date.toISOString())), fc.integer()),
          rejected: fc.oneof(fc.boolean(), fc.string()),
          plate: fc.string(),
          guiaRemision: fc.string(),
          factura: fc.string(),
          dispatchedAt: fc.oneof(fc.string(), fc.integer()),
        }, { requiredKeys: [] }),
        { maxLength: 25 },
      ),
      fc.anything(),
    ),
    reason: fc.oneof(fc.string({ maxLength: 600 }), fc.integer()),
    nonDeliveryKnownAt: fc.oneof(fc.string(), fc.date({ noInvalidDate: false }).map((date) => (Number.isNaN(date.getTime()) ? "NaN" : date.toISOString())), fc.integer()),
  }, { requiredKeys: [] }),
);

const rawBody = fc.oneof(
  anyJson.map((value) => {
    try {
      return JSON.stringify(value) ?? "null";
    } catch {
      return "null";
    }
  }),
  fc.string(),
  fc.constantFrom("", "{", "[]", "null", '{"lots":', "\u0000", "💥"),
);

const codeInPath = (valid: string) =>
  fc.oneof(
    fc.constant(valid),
    fc.stringMatching(/^\d{11}$/),
    fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
    fc.constantFrom("00000000000", "%20", "..%2F..", "1".repeat(300)),
  );

const headers = fc.record(
  {
    "idempotency-key": fc.oneof(fc.string({ maxLength: 250 }), fc.constant("x".repeat(500))),
    "content-type": fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"),
  },
  { requiredKeys: [] },
);

test("random and malformed requests to every write endpoint get 4xx problems and change nothing", async ({ request, browser }) => {
  test.setTimeout(300_000);
  const ids = await agentIds(browser);
  const buyerKey = await createApiKey(browser, "comprador2", "fuzz-comprador");
  const sellerKey = await createApiKey(browser, "vendedor", "fuzz-vendedor");
  const created = await call(request, { path: "/orders", key: buyerKey, body: { sellerType: "PLANTA_ENVASADORA", sellerId: ids.fermiones, volume: "40", deliveryDate: "2026-11-30" } });
  expect(created.status()).toBe(201);
  const { code } = await created.json();
  // An order that can no longer be rejected (annulled): a valid rejection of the SOLICITADO one
  // would succeed (manual §1 allows it), so the rejection endpoint probes validation and state here.
  const annulling = await call(request, { path: "/orders", key: buyerKey, body: { sellerType: "PLANTA_ENVASADORA", sellerId: ids.fermiones, volume: "40", deliveryDate: "2026-11-30" } });
  const { code: annulled } = await annulling.json();
  expect((await call(request, { path: `/orders/${annulled}/annul`, key: buyerKey })).status()).toBe(200);

  const snapshot = async () => ({
    order: await (await call(request, { method: "GET", path: `/orders/${code}`, key: buyerKey })).text(),
    annulled: await (await call(request, { method: "GET", path: `/orders/${annulled}`, key: buyerKey })).text(),
    orders: await (await call(request, { method: "GET", path: "/orders?limit=200", key: buyerKey })).text(),
  });
  const before = await snapshot();

  // The buyer may not sell or dispatch, the seller may not register, annul, close or reject:
  // those requests probe authorization; the others probe validation and state.
  const endpoints = [
    { path: () => fc.constant("/orders"), keys: [buyerKey, sellerKey] },
    { path: () => codeInPath(code).map((c) => `/orders/${c}/sale`), keys: [buyerKey] },
    { path: () => codeInPath(code).map((c) => `/orders/${c}/dispatch`), keys: [buyerKey, sellerKey] },
    { path: () => codeInPath(code).map((c) => `/orders/${c}/close`), keys: [buyerKey, sellerKey] },
    { path: () => codeInPath(annulled).map((c) => `/orders/${c}/reject`), keys: [buyerKey, sellerKey] },
    { path: () => codeInPath(code).map((c) => `/orders/${c}/annul`), keys: [sellerKey] },
  ];

  let requests = 0;
  for (const endpoint of endpoints) {
    await fc.assert(
      fc.asyncProperty(
        endpoint.path(),
        rawBody,
        headers,
        fc.oneof(fc.constantFrom(...endpoint.keys), fc.constant(null), fc.string(), fc.constant(`${buyerKey}x`)),
        async (path, body, extraHeaders, key) => {
          requests++;
          const response = await call(request, { path, key: key ?? undefined, rawBody: body, headers: extraHeaders });
          const status = response.status();
          expect(status, `${path} ${body.slice(0, 80)}`).toBeGreaterThanOrEqual(400);
          expect(status, `${path} ${body.slice(0, 80)}`).toBeLessThan(500);
          expect(response.headers()["content-type"], path).toContain("application/problem+json");
        },
      ),
      { numRuns: RUNS_PER_ENDPOINT },
    );
  }
  console.log(`fuzz: ${requests} requests`);
  expect(requests).toBe(RUNS_PER_ENDPOINT * endpoints.length);
  expect(await snapshot()).toEqual(before);
});
