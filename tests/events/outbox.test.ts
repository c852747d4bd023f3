/**
 * Events, never lost: every movement and every suspension writes its outbox event in the same
 * transaction (a refused or failed change writes none), and the fan-out turns each into exactly
 * the notifications, e-mails and webhook deliveries issue 17 lists — only to the parties of the
 * event's own order — once, even when two workers on PostgreSQL fan out at the same time.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/database";
import { fanOut } from "@/lib/events/fan-out";
import { createEndpoint } from "@/lib/events/webhooks/endpoints";
import { EventWorker } from "@/lib/events/worker";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { reinstateAgent, suspendAgent } from "@/lib/registry/agents";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, buildWorld, flowAOrder, flowBOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";

const auditActor = { userId: null, username: "admin", ip: "127.0.0.1" };

describe.each(ENGINES)("outbox and fan-out on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.SCOP_WEBHOOKS_ALLOW_LOCAL = "1";
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
    // Every user has an e-mail address; some chose to get some notifications by e-mail.
    for (const user of await test.db.prisma.user.findMany()) {
      await test.db.prisma.user.update({ where: { id: user.id }, data: { email: `${user.username}@example.pe` } });
    }
    await test.db.prisma.emailPreference.createMany({
      data: [
        { userId: world.actors.buyer.userId, type: "orden_vendida" },
        { userId: world.actors.comercializador.userId, type: "orden_nueva" },
        { userId: world.actors.otherBuyer.userId, type: "orden_vendida" },
      ],
    });
  });
  afterAll(() => test.drop());
  afterEach(() => {
    process.env = { ...saved, SCOP_WEBHOOKS_ALLOW_LOCAL: "1" };
  });

  const worker = () => new EventWorker({ db: test.db, now: ctx.now, worker: "test" }, { scheduler: false });
  const eventsOf = async (code: string) =>
    (await test.db.prisma.outboxEvent.findMany({ where: { order: { code } }, orderBy: { id: "asc" } })).map((event) => event.type);
  const notificationsOf = (userId: number) =>
    test.db.prisma.notification.findMany({ where: { userId }, orderBy: { id: "asc" }, select: { type: true, orderCode: true, title: true, link: true } });

  it("every movement writes one event in its transaction; a refused transition writes none", async () => {
    const { code } = await registerOrder(ctx, world.actors.buyer, flowBOrder(world, "800"));
    await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "800" }] });
    // refused: the wrong seller, and selling twice — nothing written
    await expect(sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "800" }] })).rejects.toThrow();
    await expect(sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "800" }] })).rejects.toThrow();
    await dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "800" }] });
    await closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "800" }] });
    expect(await eventsOf(code)).toEqual(["orden.solicitada", "orden.vendida", "orden.despachada", "orden.cerrada"]);
    const movements = await test.db.prisma.movement.count({ where: { order: { code } } });
    expect(movements).toBe(4);

    // a registration refused for capacity leaves no order, no movement and no event
    const before = await test.db.prisma.outboxEvent.count();
    await expect(registerOrder(ctx, world.actors.buyer, flowAOrder(world, "999999"))).rejects.toThrow(/capacidad/i);
    expect(await test.db.prisma.outboxEvent.count()).toBe(before);
  });

  it("a suspension and a reinstatement write their events with the change", async () => {
    const agentId = world.agents.otherBuyer.id;
    await suspendAgent(test.db, auditActor, { agentId, reason: "Inspección con observaciones graves" });
    await reinstateAgent(test.db, auditActor, { agentId, reason: "Subsanó las observaciones" });
    // refused (already VIGENTE): no event
    await expect(reinstateAgent(test.db, auditActor, { agentId, reason: "Otra vez rehabilitado" })).rejects.toThrow();
    const events = await test.db.prisma.outboxEvent.findMany({ where: { agentId, type: { startsWith: "agente." } }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.type, JSON.parse(event.data!).reason])).toEqual([
      ["agente.suspendido", "Inspección con observaciones graves"],
      ["agente.rehabilitado", "Subsanó las observaciones"],
    ]);
  });

  it("each party's users get exactly their notifications, e-mails only if chosen, webhooks only for their own orders", async () => {
    await worker().drain(); // what the earlier tests wrote
    const buyerHook = await createEndpoint(test.db, world.actors.buyer, { url: "http://127.0.0.1:9/comprador", eventTypes: ["orden.vendida", "orden.cerrada"] });
    const otherHook = await createEndpoint(test.db, world.actors.otherBuyer, { url: "http://127.0.0.1:9/otro", eventTypes: ["orden.vendida", "orden.solicitada"] });
    const sellerHook = await createEndpoint(test.db, world.actors.comercializador, {
      url: "http://127.0.0.1:9/vendedor",
      eventTypes: ["orden.solicitada", "orden.vendida", "orden.anulada", "orden.rechazada"],
    });
    const plantHook = await createEndpoint(test.db, world.actors.planta, { url: "http://127.0.0.1:9/planta", eventTypes: ["orden.vendida", "orden.despachada"] });
    const counts = async () => ({
      notifications: await test.db.prisma.notification.count(),
      emails: await test.db.prisma.emailMessage.count(),
    });
    const start = await counts();

    // flow b: registered, sold, dispatched, closed; another flow-b order annulled; another rejected
    const { code: b } = await registerOrder(ctx, world.actors.buyer, flowBOrder(world, "500"));
    await sellOrder(ctx, world.actors.comercializador, { code: b, lots: [{ ...lotOn(world, "comercializador"), volume: "500" }] });
    await dispatchOrder(ctx, world.actors.planta, { code: b, lots: [{ position: 1, volume: "500" }] });
    await closeOrder(ctx, world.actors.buyer, { code: b, lots: [{ position: 1, rejected: false, receivedVolume: "500" }] });
    const annulled = await seedSolicitadoOrder(ctx, world, "B", "100");
    await annulOrder(ctx, world.actors.buyer, { code: annulled });
    const rejected = await seedSolicitadoOrder(ctx, world, "B", "100");
    await sellOrder(ctx, world.actors.comercializador, { code: rejected, lots: [{ ...lotOn(world, "comercializador"), volume: "100" }] });
    await rejectOrder(ctx, world.actors.buyer, { code: rejected, reason: "El camión no llegará hoy" });
    // flow a, with the seller agent's own buyer user (who must hear nothing of it)
    const { code: a } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "300"));
    await sellOrder(ctx, world.actors.envasadora, { code: a, lots: [{ ...lotOn(world, "envasadora"), volume: "300" }] });

    await worker().drain();

    const lastOf = async (userId: number, after: number) => (await notificationsOf(userId)).slice(after);
    const buyerNotes = (await notificationsOf(world.actors.buyer.userId)).map((n) => [n.type, n.orderCode]);
    expect(buyerNotes).toEqual(
      expect.arrayContaining([
        ["orden_vendida", b],
        ["orden_despachada", b],
        ["orden_vendida", rejected],
        ["orden_vendida", a],
      ]),
    );
    expect(buyerNotes.filter(([, code]) => [b, a, rejected, annulled].includes(code!))).toHaveLength(4);
    // per order, in the order things happened (a batch takes one event per order at a time)
    const byOrder = async (userId: number, codes: string[]) => {
      const notes = await notificationsOf(userId);
      return Object.fromEntries(codes.map((code) => [code, notes.filter((n) => n.orderCode === code).map((n) => n.type)]));
    };
    expect(await byOrder(world.actors.comercializador.userId, [b, annulled, rejected])).toEqual({
      [b]: ["orden_nueva"],
      [annulled]: ["orden_nueva", "orden_anulada"],
      [rejected]: ["orden_nueva", "orden_rechazada"],
    });
    expect(await byOrder(world.actors.planta.userId, [b, rejected, annulled])).toEqual({
      [b]: ["orden_por_despachar"],
      [rejected]: ["orden_por_despachar"],
      [annulled]: [],
    });
    expect((await notificationsOf(world.actors.envasadora.userId)).map((n) => [n.type, n.orderCode])).toContainEqual(["orden_nueva", a]);
    // Nobody else hears of these orders: not the other buyer, not the seller agent's buyer user, not another seller.
    for (const outsider of [world.actors.otherBuyer, world.actors.envasadoraBuyer, world.actors.distribuidor, world.actors.regulator, world.actors.admin]) {
      expect(await lastOf(outsider.userId, 0)).toEqual([]);
    }
    const note = (await notificationsOf(world.actors.buyer.userId)).find((n) => n.orderCode === a && n.type === "orden_vendida")!;
    expect(note.link).toBe(`/ordenes/${a}`);
    expect(note.title).toContain(a);

    // E-mails: the buyer chose "vendido" (three sales), the seller "nueva orden" (three orders); kept in the outbox without SMTP.
    const emails = await test.db.prisma.emailMessage.findMany({ where: { event: { order: { code: { in: [a, b, annulled, rejected] } } } } });
    const buyer = world.actors.buyer.userId;
    const seller = world.actors.comercializador.userId;
    expect(emails.map((email) => `${email.userId}:${email.subject.includes("vendida") ? "vendida" : "nueva"}`).sort()).toEqual(
      [`${buyer}:vendida`, `${buyer}:vendida`, `${buyer}:vendida`, `${seller}:nueva`, `${seller}:nueva`, `${seller}:nueva`].sort(),
    );
    expect(new Set(emails.map((email) => email.status))).toEqual(new Set(["RETENIDO"]));
    const after = await counts();
    expect(after.emails - start.emails).toBe(6);

    // Webhooks: each endpoint gets the subscribed events of its agent's orders, in order, and nothing of others'.
    const deliveriesOf = async (endpointId: number) => {
      const rows = await test.db.prisma.webhookDelivery.findMany({ where: { endpointId }, orderBy: { eventId: "asc" } });
      return Object.fromEntries([a, b, annulled, rejected].map((code) => [code, rows.filter((d) => d.orderCode === code).map((d) => d.type)]));
    };
    expect(await deliveriesOf(buyerHook.endpoint.id)).toEqual({ [b]: ["orden.vendida", "orden.cerrada"], [rejected]: ["orden.vendida"], [a]: ["orden.vendida"], [annulled]: [] });
    expect(await test.db.prisma.webhookDelivery.count({ where: { endpointId: otherHook.endpoint.id } })).toBe(0);
    expect(await deliveriesOf(sellerHook.endpoint.id)).toEqual({
      [b]: ["orden.solicitada", "orden.vendida"],
      [annulled]: ["orden.solicitada", "orden.anulada"],
      [rejected]: ["orden.solicitada", "orden.vendida", "orden.rechazada"],
      [a]: [],
    });
    expect(await deliveriesOf(plantHook.endpoint.id)).toEqual({ [b]: ["orden.vendida", "orden.despachada"], [rejected]: ["orden.vendida"], [a]: [], [annulled]: [] });
    const payload = JSON.parse((await test.db.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: buyerHook.endpoint.id, type: "orden.cerrada" } })).payload);
    expect(payload).toMatchObject({
      type: "orden.cerrada",
      data: { order: { code: b, flow: "B", requestedVolume: "500.00", buyer: { businessName: "Bosón de Higgs S.A.C." } }, movement: { event: "CERRADO", state: "CERRADO" } },
    });

    // Processing again changes nothing.
    await worker().drain();
    expect(await counts()).toEqual(after);
    expect(await test.db.prisma.outboxEvent.count({ where: { processedAt: null } })).toBe(0);
  });

  it("two workers fanning out at once process every event once, each order's events in order", async () => {
    const second = createDatabase(test.url);
    try {
      const codes: string[] = [];
      for (let i = 0; i < 30; i++) {
        const { code } = await registerOrder(ctx, world.actors.buyer, flowBOrder(world, "10"));
        await annulOrder(ctx, world.actors.buyer, { code });
        codes.push(code);
      }
      const pending = await test.db.prisma.outboxEvent.count({ where: { processedAt: null, order: { code: { in: codes } } } });
      expect(pending).toBe(60);
      const others = await test.db.prisma.outboxEvent.count({ where: { processedAt: null } });
      const one = { db: test.db, now: ctx.now, worker: "uno" };
      const two = { db: second, now: ctx.now, worker: "dos" };
      const taken = [0, 0];
      const run = async (worker: typeof one, index: number) => {
        for (;;) {
          const count = await fanOut(worker, 7);
          taken[index] += count;
          if (count === 0 && (await test.db.prisma.outboxEvent.count({ where: { processedAt: null } })) === 0) return;
        }
      };
      await Promise.all([run(one, 0), run(two, 1)]);
      expect(taken[0] + taken[1]).toBe(others);
      expect(taken[0]).toBeGreaterThan(0);
      expect(taken[1]).toBeGreaterThan(0);
      const notes = await test.db.prisma.notification.findMany({ where: { orderCode: { in: codes } }, orderBy: { id: "asc" } });
      expect(notes).toHaveLength(60); // orden_nueva + orden_anulada for the seller, once each
      for (const code of codes) {
        expect(notes.filter((note) => note.orderCode === code).map((note) => note.type)).toEqual(["orden_nueva", "orden_anulada"]);
      }
    } finally {
      await second.close();
    }
  });
});
