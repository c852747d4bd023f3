/**
 * E-mail through a real SMTP server (smtp-server, on loopback): what arrives has the subject, the
 * recipient, the order's code, Spanish text and a link back to the portal; nobody gets another
 * agent's order; without SCOP_SMTP_URL the messages stay in the portal's outbox; an SMTP server
 * that is down is retried.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeTransports } from "@/lib/events/email/deliver";
import { EventWorker } from "@/lib/events/worker";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { saveEmailSettings } from "@/lib/events/notifications";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { startSmtpReceiver, type SmtpReceiver } from "../support/smtp-receiver";
import { lotOn, TestClock, buildWorld, flowAOrder, testContext, type World } from "../support/world";

describe.each(ENGINES)("e-mail on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let smtp: SmtpReceiver;
  const saved = { ...process.env };

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db, new TestClock(new Date()));
    world = await buildWorld(test.db);
    smtp = await startSmtpReceiver();
    const actor = (user: { userId: number; role: string }, username: string) => ({ ...user, username, ip: null }) as Parameters<typeof saveEmailSettings>[1];
    // Both buyers want their sales by e-mail; the seller wants new orders.
    await saveEmailSettings(test.db, actor(world.actors.buyer, "comprador"), { email: "rosa.quispe@higgs.example", types: ["orden_vendida"] });
    await saveEmailSettings(test.db, actor(world.actors.otherBuyer, "comprador2"), { email: "jorge@taus.example", types: ["orden_vendida"] });
    await saveEmailSettings(test.db, actor(world.actors.envasadora, "vendedor"), { email: "ventas@fermiones.example", types: ["orden_nueva"] });
  });
  afterAll(async () => {
    closeTransports(); // the worker's pooled SMTP connections, or the server would wait for them
    await smtp.close();
    await test.drop();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const worker = () => new EventWorker({ db: test.db, now: ctx.now, worker: "prueba" }, { scheduler: false });

  it("sends the chosen notifications to the user's address: subject, code, Spanish, a link back; nothing of other agents", async () => {
    process.env.SCOP_SMTP_URL = smtp.url;
    process.env.SCOP_PUBLIC_URL = "https://scop.example.gob.pe";
    const { code: mine } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "1200"));
    await sellOrder(ctx, world.actors.envasadora, { code: mine, lots: [{ ...lotOn(world, "envasadora"), volume: "1200" }] });
    const { code: theirs } = await registerOrder(ctx, world.actors.otherBuyer, flowAOrder(world, "300"));
    await sellOrder(ctx, world.actors.envasadora, { code: theirs, lots: [{ ...lotOn(world, "envasadora"), volume: "300" }] });
    await worker().drain();

    const messages = await smtp.waitFor(4);
    expect(messages).toHaveLength(4);
    const to = (address: string) => messages.filter((message) => message.to.includes(address));
    const [sold] = to("rosa.quispe@higgs.example");
    expect(to("rosa.quispe@higgs.example")).toHaveLength(1);
    expect(sold.subject).toBe(`SCOP GLP: Orden ${mine} vendida`);
    expect(sold.from).toContain("SCOP GLP");
    expect(sold.text).toContain(`Código de Autorización: ${mine}`);
    expect(sold.text).toContain("registró la venta (ACEPTADO/VENDIDO)");
    expect(sold.text).toContain("ciérrela el mismo día en que reciba y descargue el producto");
    expect(sold.text).toContain(`https://scop.example.gob.pe/ordenes/${mine}`);
    expect(sold.text).toContain("https://scop.example.gob.pe/notificaciones/preferencias");
    // no e-mail carries another agent's order
    expect(sold.text).not.toContain(theirs);
    expect(sold.text).not.toContain("Grifo Tau");
    const [theirSale] = to("jorge@taus.example");
    expect(theirSale.text).toContain(theirs);
    expect(theirSale.text).not.toContain(mine);
    expect(theirSale.text).not.toContain("Bosón de Higgs");
    expect(to("ventas@fermiones.example").map((message) => message.subject).sort()).toEqual(
      [`SCOP GLP: Nueva orden de pedido ${mine}`, `SCOP GLP: Nueva orden de pedido ${theirs}`].sort(),
    );
    const statuses = await test.db.prisma.emailMessage.findMany({ select: { status: true, sentAt: true } });
    expect(statuses.every((row) => row.status === "ENVIADO" && row.sentAt !== null)).toBe(true);
  });

  it("without SCOP_SMTP_URL keeps them in the portal's outbox; with an SMTP server down, retries", async () => {
    delete process.env.SCOP_SMTP_URL;
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "80"));
    await worker().drain();
    const kept = await test.db.prisma.emailMessage.findFirstOrThrow({ where: { subject: { contains: code } } });
    expect(kept.status).toBe("RETENIDO");
    expect(kept.toAddress).toBe("ventas@fermiones.example");

    process.env.SCOP_SMTP_URL = "smtp://127.0.0.1:1"; // nothing listens there
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "80" }] });
    await worker().drain();
    const failing = await test.db.prisma.emailMessage.findFirstOrThrow({ where: { subject: `SCOP GLP: Orden ${code} vendida` } });
    expect(failing).toMatchObject({ status: "PENDIENTE", attempts: 1 });
    expect(failing.lastError).toBeTruthy();
    expect(failing.nextAttemptAt.getTime()).toBeGreaterThan(ctx.now().getTime());

    process.env.SCOP_SMTP_URL = smtp.url;
    const before = smtp.messages.length;
    ctx.clock.advance(failing.nextAttemptAt.getTime() - ctx.now().getTime() + 1);
    await worker().drain();
    await smtp.waitFor(before + 1);
    expect(smtp.messages.at(-1)!.subject).toBe(`SCOP GLP: Orden ${code} vendida`);
    expect((await test.db.prisma.emailMessage.findUniqueOrThrow({ where: { id: failing.id } })).status).toBe("ENVIADO");
  });
});
