/**
 * Webhooks end to end against a real HTTP receiver: Standard Webhooks signatures checked with the
 * `standardwebhooks` library (not the portal's code), payloads checked against the documented
 * schemas, in order per order, retries with backoff over 24 hours, an endpoint failing for days
 * disabled with a notification, "Reenviar", secret rotation, and the refusal of internal addresses
 * both when registering and again when delivering.
 */
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WEBHOOK_PAYLOADS } from "@/lib/api/webhook-schemas";
import type { WebhookEventType } from "@/lib/events/catalog";
import type { Resolver } from "@/lib/events/webhooks/address-guard";
import { isPublicAddress } from "@/lib/events/webhooks/address-guard";
import { createEndpoint, listDeliveries, resendDelivery, rotateSecret, updateEndpoint } from "@/lib/events/webhooks/endpoints";
import { EventWorker } from "@/lib/events/worker";
import { annulOrder } from "@/lib/orders/annul-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { startWebhookReceiver, type WebhookReceiver } from "@/harness/webhook-receiver";
import { lotOn, TestClock, buildWorld, flowAOrder, testContext, type World } from "../support/world";

const HOUR = 3_600_000;

describe("the address guard", () => {
  it("tells public addresses from internal ones, IPv4 and IPv6", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe.each(ENGINES)("webhooks on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let receiver: WebhookReceiver;
  const saved = { ...process.env };

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    // Standard Webhooks receivers refuse timestamps more than 5 minutes off: sign with today's clock.
    ctx = testContext(test.db, new TestClock(new Date()));
    world = await buildWorld(test.db);
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await test.drop();
  });
  beforeEach(() => {
    process.env.SCOP_WEBHOOKS_ALLOW_LOCAL = "1";
    receiver.respond(() => 204);
    ctx.clock.set(new Date().toISOString());
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const worker = (resolve?: Resolver) => new EventWorker({ db: test.db, now: ctx.now, worker: "prueba" }, { scheduler: false, resolve });
  const bodies = (path: string) => receiver.requests.filter((request) => request.path === path);

  it("signs every delivery as Standard Webhooks says, with a body the OpenAPI document describes, in order per order", async () => {
    const { endpoint, secret } = await createEndpoint(test.db, world.actors.envasadora, {
      url: `${receiver.url}/firmas`,
      eventTypes: ["orden.solicitada", "orden.vendida", "orden.cerrada", "orden.anulada"],
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "700"));
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "700" }] });
    const { code: annulled } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "50"));
    await annulOrder(ctx, world.actors.buyer, { code: annulled });
    await worker().drain();

    const received = bodies("/firmas");
    expect(received).toHaveLength(4);
    const verifier = new Webhook(secret);
    for (const request of received) {
      const headers = { "webhook-id": String(request.headers["webhook-id"]), "webhook-timestamp": String(request.headers["webhook-timestamp"]), "webhook-signature": String(request.headers["webhook-signature"]) };
      const payload = verifier.verify(request.body, headers) as { type: WebhookEventType; data: { eventId: number } };
      expect(headers["webhook-id"]).toBe(`msg_${payload.data.eventId}`);
      expect(request.headers["content-type"]).toBe("application/json");
      WEBHOOK_PAYLOADS[payload.type].parse(payload);
      // a tampered body fails the library's check
      expect(() => verifier.verify(`${request.body} `, headers)).toThrow();
    }
    const sequence = (orderCode: string) =>
      received.map((request) => JSON.parse(request.body)).filter((payload) => payload.data.order.code === orderCode).map((payload) => payload.type);
    expect(sequence(code)).toEqual(["orden.solicitada", "orden.vendida"]);
    expect(sequence(annulled)).toEqual(["orden.solicitada", "orden.anulada"]);
    const { deliveries } = await listDeliveries(test.db, world.actors.envasadora, endpoint.id);
    expect(deliveries.every((delivery) => delivery.status === "ENTREGADO" && delivery.lastStatusCode === 204 && delivery.lastLatencyMs !== null)).toBe(true);
    // another agent cannot read this endpoint's log
    await expect(listDeliveries(test.db, world.actors.comercializador, endpoint.id)).rejects.toThrow(/No existe ese webhook/);
  });

  it("retries a failing receiver with growing waits, holding the order's later events back until the first is delivered", async () => {
    process.env.SCOP_WEBHOOK_RETRY_BASE_SECONDS = "5";
    const { endpoint } = await createEndpoint(test.db, world.actors.distribuidor, { url: `${receiver.url}/reintentos`, eventTypes: ["orden.solicitada", "orden.anulada"] });
    let failures = 3;
    receiver.respond((request) => (request.path === "/reintentos" && failures-- > 0 ? 503 : 200));
    const { code } = await registerOrder(ctx, world.actors.buyer, { ...flowAOrder(world, "40"), sellerType: "DISTRIBUIDOR_A_GRANEL", sellerId: world.agents.distribuidor.id });
    await annulOrder(ctx, world.actors.buyer, { code });

    const waits: number[] = [];
    for (let round = 0; round < 10 && bodies("/reintentos").filter((r) => r.headers["webhook-id"] && JSON.parse(r.body).type === "orden.anulada").length === 0; round++) {
      await worker().drain();
      const pending = await test.db.prisma.webhookDelivery.findFirst({ where: { endpointId: endpoint.id, status: "PENDIENTE" }, orderBy: { eventId: "asc" } });
      if (!pending) break;
      waits.push(pending.nextAttemptAt.getTime() - ctx.now().getTime());
      ctx.clock.advance(pending.nextAttemptAt.getTime() - ctx.now().getTime() + 1);
    }
    const seen = bodies("/reintentos").map((request) => JSON.parse(request.body).type);
    // three failed attempts of the registration, then it, then the annulment — never the annulment first
    expect(seen).toEqual(["orden.solicitada", "orden.solicitada", "orden.solicitada", "orden.solicitada", "orden.anulada"]);
    expect(waits[0]).toBeGreaterThanOrEqual(4_000); // 5 s ± 20 %
    expect(waits[1]).toBeGreaterThan(waits[0] * 2); // ×4 ± 20 %
    expect(waits[2]).toBeGreaterThan(waits[1] * 2);
    const first = (await listDeliveries(test.db, world.actors.distribuidor, endpoint.id)).deliveries.find((delivery) => delivery.type === "orden.solicitada")!;
    expect(first.status).toBe("ENTREGADO");
    expect(first.attempts).toBe(4);
    expect(first.attemptLog.map((attempt) => attempt.statusCode)).toEqual([200, 503, 503, 503]);
    expect((await test.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince).toBeNull();
  });

  it("gives a delivery up after 24 hours, and disables an endpoint failing for days with a notification to its agent", async () => {
    process.env.SCOP_WEBHOOK_RETRY_BASE_SECONDS = "600";
    process.env.SCOP_WEBHOOK_DISABLE_AFTER_DAYS = "3";
    const { endpoint } = await createEndpoint(test.db, world.actors.planta, { url: `${receiver.url}/caido`, eventTypes: ["orden.vendida"] });
    receiver.respond((request) => (request.path === "/caido" ? 500 : 204));
    const sellTo = async () => {
      const { code } = await registerOrder(ctx, world.actors.buyer, {
        sellerType: "COMERCIALIZADOR",
        sellerId: world.agents.comercializador.id,
        plantId: world.agents.planta.id,
        volume: "20",
        deliveryDate: "2030-01-01",
      });
      await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "20" }] });
      return code;
    };
    const firstCode = await sellTo();
    const started = ctx.now().getTime();
    // Day after day of failures: each day a new sale, and the worker runs every hour.
    while (ctx.now().getTime() - started < 4 * 24 * HOUR) {
      await worker().drain();
      ctx.clock.advance(HOUR);
      if ((ctx.now().getTime() - started) % (24 * HOUR) < HOUR) await sellTo();
    }
    const first = (await test.db.prisma.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { id: "asc" } }))[0];
    expect(first.orderCode).toBe(firstCode);
    expect(first.status).toBe("FALLIDO");
    const attemptTimes = (await test.db.prisma.webhookAttempt.findMany({ where: { deliveryId: first.id }, orderBy: { id: "asc" } })).map((a) => a.at.getTime());
    expect(attemptTimes.at(-1)! - attemptTimes[0]).toBeGreaterThanOrEqual(24 * HOUR - HOUR);
    expect(attemptTimes.at(-1)! - attemptTimes[0]).toBeLessThanOrEqual(25 * HOUR);
    const row = await test.db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.enabled).toBe(false);
    expect(row.disabledReason).toMatch(/Sin entregas exitosas/);
    const notes = await test.db.prisma.notification.findMany({ where: { userId: world.actors.planta.userId, type: "webhook_deshabilitado" } });
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain("/caido");
    expect(notes[0].link).toBe(`/webhooks/${endpoint.id}`);

    // Enabled again, the receiver back: its pending deliveries go out.
    receiver.respond(() => 204);
    await updateEndpoint(test.db, world.actors.planta, endpoint.id, { enabled: true });
    ctx.clock.advance(25 * HOUR);
    await worker().drain();
    expect(await test.db.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "PENDIENTE" } })).toBe(0);
  });

  it("Reenviar sends the same webhook-id and body again and logs it; a rotated secret signs beside the old one for 24 hours", async () => {
    const { endpoint, secret } = await createEndpoint(test.db, world.actors.comercializador, { url: `${receiver.url}/rotacion`, eventTypes: ["orden.solicitada"] });
    await registerOrder(ctx, world.actors.buyer, { sellerType: "COMERCIALIZADOR", sellerId: world.agents.comercializador.id, plantId: world.agents.planta.id, volume: "10", deliveryDate: "2030-01-01" });
    await worker().drain();
    const [original] = bodies("/rotacion");
    const { deliveries } = await listDeliveries(test.db, world.actors.comercializador, endpoint.id);

    const rotated = await rotateSecret(test.db, world.actors.comercializador, endpoint.id, { now: ctx.now });
    expect(rotated.secret).not.toBe(secret);
    const outcome = await resendDelivery(test.db, world.actors.comercializador, endpoint.id, deliveries[0].id, { now: ctx.now });
    expect(outcome).toMatchObject({ delivered: true, statusCode: 204 });
    const resent = bodies("/rotacion").at(-1)!;
    expect(resent.headers["webhook-id"]).toBe(original.headers["webhook-id"]);
    expect(resent.body).toBe(original.body);
    const headers = { "webhook-id": String(resent.headers["webhook-id"]), "webhook-timestamp": String(resent.headers["webhook-timestamp"]), "webhook-signature": String(resent.headers["webhook-signature"]) };
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(rotated.secret).verify(resent.body, headers)).not.toThrow();
    expect(() => new Webhook(secret).verify(resent.body, headers)).not.toThrow();
    const log = (await listDeliveries(test.db, world.actors.comercializador, endpoint.id)).deliveries[0].attemptLog;
    expect(log.map((attempt) => attempt.manual)).toEqual([true, false]);
    // another agent cannot resend it
    await expect(resendDelivery(test.db, world.actors.envasadora, endpoint.id, deliveries[0].id)).rejects.toThrow(/No existe ese webhook/);
  });

  it("refuses internal addresses when registering, and checks again at delivery time", async () => {
    delete process.env.SCOP_WEBHOOKS_ALLOW_LOCAL;
    const actor = world.actors.buyer;
    for (const url of [
      "https://127.0.0.1/x",
      "https://localhost/x",
      "https://10.0.0.5/x",
      "https://192.168.0.10/x",
      "https://169.254.169.254/latest/meta-data",
      "https://[::1]/x",
      "https://[::ffff:127.0.0.1]/x",
      `${receiver.url}/x`,
    ]) {
      await expect(createEndpoint(test.db, actor, { url, eventTypes: ["orden.vendida"] }), url).rejects.toMatchObject({ code: "WEBHOOK_URL_NO_PERMITIDA" });
    }
    await expect(createEndpoint(test.db, actor, { url: "http://93.184.216.34/x", eventTypes: ["orden.vendida"] })).rejects.toThrow(/HTTPS/);
    await expect(createEndpoint(test.db, actor, { url: "https://usuario:clave@93.184.216.34/x", eventTypes: ["orden.vendida"] })).rejects.toThrow(/usuario ni contraseña/);
    // a name that resolves inside
    const inside: Resolver = async () => [{ address: "10.20.30.40", family: 4 }];
    await expect(createEndpoint(test.db, actor, { url: "https://erp.interno.example/x", eventTypes: ["orden.vendida"] }, { resolve: inside })).rejects.toThrow(/10\.20\.30\.40/);

    // Registered while its name resolved to a public address; by delivery time it points at loopback.
    const outside: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
    const { endpoint } = await createEndpoint(test.db, actor, { url: "https://erp.cambiante.example/hook", eventTypes: ["orden.vendida"] }, { resolve: outside });
    const before = receiver.requests.length;
    const { code } = await registerOrder(ctx, actor, flowAOrder(world, "15"));
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "15" }] });
    const rebinding: Resolver = async () => [{ address: "127.0.0.1", family: 4 }];
    await worker(rebinding).drain();
    const [delivery] = (await listDeliveries(test.db, actor, endpoint.id)).deliveries;
    expect(delivery.status).toBe("PENDIENTE");
    expect(delivery.lastError).toMatch(/dirección interna \(127\.0\.0\.1/);
    expect(delivery.lastStatusCode).toBeNull();
    expect(receiver.requests.length).toBe(before);
  });
});
