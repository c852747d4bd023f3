/**
 * The scheduler, with the clock in the test's hands: the buyer's afternoon reminder at the Lima
 * time set, the seller's unattended orders, the regulator's morning summary and the
 * administrator's 30/7/1-day expiries — each occurrence once, however many instances tick and
 * however often they restart.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "@/lib/db/database";
import { Scheduler, expiryThreshold } from "@/lib/events/scheduler";
import { EventWorker } from "@/lib/events/worker";
import { closeOrder } from "@/lib/orders/close-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { addLimaDays, limaDay } from "@/lib/time";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, TestClock, buildWorld, createAgent, createTruck, flowAOrder, testContext, type World } from "../support/world";

describe("expiry thresholds", () => {
  it("30, 7 and 1 days, catching up on a missed one", () => {
    expect([31, 30, 25, 8, 7, 5, 2, 1, 0, -3].map(expiryThreshold)).toEqual([null, 30, 30, 30, 7, 7, 7, 1, null, null]);
  });
});

describe.each(ENGINES)("scheduler on %s", (engine) => {
  let test: TestDatabase;
  let second: Database;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  const saved = { ...process.env };
  // 2026-03-10 in Lima (UTC-5)
  const lima = (time: string, day = "2026-03-10") => new Date(`${day}T${time}:00-05:00`).toISOString();

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    second = createDatabase(test.url);
    ctx = testContext(test.db, new TestClock(new Date(lima("09:00"))));
    world = await buildWorld(test.db);
  });
  afterAll(async () => {
    await second.close();
    await test.drop();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  const instances = () => [
    new Scheduler({ db: test.db, now: ctx.now, worker: "uno" }),
    new Scheduler({ db: second, now: ctx.now, worker: "dos" }),
  ];
  const tickAll = async (schedulers = instances()) => {
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
  };
  const deliver = () => new EventWorker({ db: test.db, now: ctx.now, worker: "prueba" }, { scheduler: false }).drain();
  const notes = (userId: number, type: string) => test.db.prisma.notification.findMany({ where: { userId, type }, orderBy: { id: "asc" } });

  it("reminds the buyer of every order still POR CERRAR at the afternoon time, once a day, whatever the instances", async () => {
    process.env.SCOP_CLOSURE_REMINDER_TIME = "15:00";
    const porCerrar: string[] = [];
    for (const volume of ["100", "200"]) {
      const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, volume));
      await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume }] });
      porCerrar.push(code);
    }
    const { code: solicitado } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "50"));

    ctx.clock.set(lima("14:59"));
    await tickAll();
    expect(await test.db.prisma.outboxEvent.count({ where: { type: "orden.recordatorio_cierre" } })).toBe(0);

    ctx.clock.set(lima("15:00"));
    await tickAll();
    await tickAll(instances()); // a restart: new schedulers, same day
    ctx.clock.set(lima("18:30"));
    await tickAll(instances());
    await deliver();
    const reminders = await notes(world.actors.buyer.userId, "recordatorio_cierre");
    expect(reminders.map((note) => note.orderCode).sort()).toEqual([...porCerrar].sort());
    expect(reminders.map((note) => note.orderCode)).not.toContain(solicitado);
    expect(reminders[0].title).toMatch(/^Recordatorio: orden \d{11} POR CERRAR$/);
    // nobody else
    expect(await test.db.prisma.notification.count({ where: { type: "recordatorio_cierre", userId: { not: world.actors.buyer.userId } } })).toBe(0);

    // The next afternoon, the one still open is reminded again; the closed one is not.
    await closeOrder(ctx, world.actors.buyer, { code: porCerrar[0], lots: [{ position: 1, rejected: false, receivedVolume: "100" }] });
    ctx.clock.set(lima("15:05", "2026-03-11"));
    await tickAll();
    await deliver();
    expect((await notes(world.actors.buyer.userId, "recordatorio_cierre")).map((note) => note.orderCode).slice(2)).toEqual([porCerrar[1]]);
  });

  it("points a SOLICITADO order older than the setting out to its seller, once per Lima day", async () => {
    process.env.SCOP_UNATTENDED_ORDER_HOURS = "2";
    ctx.clock.set(lima("08:00", "2026-03-12"));
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "60"));
    ctx.clock.set(lima("09:59", "2026-03-12"));
    await tickAll();
    await deliver();
    const of = async () => (await notes(world.actors.envasadora.userId, "orden_sin_atender")).filter((note) => note.orderCode === code);
    expect(await of()).toHaveLength(0);
    ctx.clock.set(lima("10:01", "2026-03-12"));
    await tickAll();
    ctx.clock.set(lima("16:00", "2026-03-12"));
    await tickAll(instances());
    await deliver();
    expect(await of()).toHaveLength(1);
    expect((await of())[0].body).toContain("sigue SOLICITADO");
    ctx.clock.set(lima("08:30", "2026-03-13"));
    await tickAll();
    await deliver();
    expect(await of()).toHaveLength(2);
    // the buyer is not told
    expect(await test.db.prisma.notification.count({ where: { type: "orden_sin_atender", userId: world.actors.buyer.userId } })).toBe(0);
  });

  it("gives the regulator yesterday's late closures and today's findings at the morning time, once", async () => {
    process.env.SCOP_DAILY_NOTICES_TIME = "08:00";
    // sold and unloaded on the 14th, closed on the 16th: two days late, recorded on the 16th
    ctx.clock.set(lima("10:00", "2026-03-14"));
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "90"));
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "90" }] });
    ctx.clock.set(lima("11:00", "2026-03-16"));
    const closed = await closeOrder(ctx, world.actors.buyer, {
      code,
      lots: [{ position: 1, rejected: false, receivedVolume: "90", unloadedAt: new Date(lima("16:00", "2026-03-14")) }],
    });
    expect(closed.daysLate).toBe(2);

    ctx.clock.set(lima("07:59", "2026-03-17"));
    await tickAll();
    expect(await test.db.prisma.outboxEvent.count({ where: { type: "resumen.diario", occurrenceKey: "resumen_diario:2026-03-16" } })).toBe(0);
    ctx.clock.set(lima("08:00", "2026-03-17"));
    await tickAll();
    await tickAll(instances());
    await deliver();
    const summaries = (await notes(world.actors.regulator.userId, "resumen_diario")).filter((note) => note.title.includes("16/03/2026"));
    expect(summaries).toHaveLength(1);
    expect(summaries[0].body).toContain("Cierres tardíos registrados el 16/03/2026: 1 (hasta 2 días: 1, 3 a 5 días: 0, 6 a 10 días: 0, 11 días o más: 0)");
    expect(summaries[0].body).toContain("Rechazos tardíos: 0.");
    expect(summaries[0].body).toMatch(/Órdenes POR CERRAR hace más de 3 días, sin cierre ni rechazo: \d+/);
    expect(summaries[0].link).toBe("/regulador/cumplimiento?from=2026-03-16&to=2026-03-16");
    // only regulators
    expect(await test.db.prisma.notification.count({ where: { type: "resumen_diario", userId: { not: world.actors.regulator.userId } } })).toBe(0);
  });

  it("tells the administrators of insurances and registrations expiring in 30, 7 and 1 days, each threshold once", async () => {
    ctx.clock.set(lima("08:10", "2026-04-01"));
    const today = limaDay(ctx.now());
    const agent = async (name: string, days: number, registryDays?: number) => {
      const created = await createAgent(test.db, { type: "GASOCENTRO", name, capacityGallons: 100, insuranceExpiresOn: addLimaDays(today, days) });
      if (registryDays !== undefined) await test.db.prisma.agent.update({ where: { id: created.id }, data: { registryExpiresOn: addLimaDays(today, registryDays) } });
      return created;
    };
    const in30 = await agent("Grifo Treinta", 30, 1);
    const in5 = await agent("Grifo Cinco", 5);
    await agent("Grifo Lejano", 31);
    await agent("Grifo Vencido Hoy", 0);
    await tickAll();
    await tickAll(instances());
    await deliver();
    const adminNotes = async () =>
      (await test.db.prisma.notification.findMany({ where: { userId: world.actors.admin.userId, type: { in: ["vencimiento_seguro", "vencimiento_registro"] } }, orderBy: { id: "asc" } })).map(
        (note) => note.title,
      );
    expect((await adminNotes()).sort()).toEqual(
      ["Inscripción de Grifo Treinta: vence en 1 día", "Póliza de seguro de Grifo Cinco: vence en 5 días", "Póliza de seguro de Grifo Treinta: vence en 30 días"].sort(),
    );
    // 23 days later Grifo Treinta reaches the 7-day notice, Grifo Lejano (then 8 days away) its
    // first, 30-day one; Grifo Cinco has expired and gets no more.
    ctx.clock.set(lima("09:00", addLimaDays(today, 23)));
    await tickAll();
    await deliver();
    expect((await adminNotes()).slice(3).sort()).toEqual(["Póliza de seguro de Grifo Lejano: vence en 8 días", "Póliza de seguro de Grifo Treinta: vence en 7 días"]);
    const [note] = await test.db.prisma.notification.findMany({ where: { userId: world.actors.admin.userId, title: { contains: "Grifo Treinta: vence en 7" } } });
    expect(note.link).toBe(`/registro/${in30.id}`);
    expect(in5.id).toBeGreaterThan(0);
    // the regulator (same agent, other role) is not told
    expect(await test.db.prisma.notification.count({ where: { userId: world.actors.regulator.userId, type: { startsWith: "vencimiento" } } })).toBe(0);
  });

  it("tells the administrators of a registered tank truck whose insurance expires, against its owner, linking the truck", async () => {
    ctx.clock.set(lima("08:10", "2026-06-01"));
    const today = limaDay(ctx.now());
    const soon = await createTruck(test.db, { plate: "V7C-907", ownerAgentId: world.agents.distribuidor.id, insuranceExpiresOn: addLimaDays(today, 7) });
    await createTruck(test.db, { plate: "V7C-908", ownerAgentId: world.agents.distribuidor.id, insuranceExpiresOn: addLimaDays(today, 7), status: "CANCELADO" });
    await tickAll();
    await tickAll(instances());
    await deliver();
    const notes = await test.db.prisma.notification.findMany({ where: { userId: world.actors.admin.userId, type: "vencimiento_cisterna" } });
    expect(notes.map((note) => [note.title, note.link])).toEqual([[`Cisterna V7C-907 de ${world.agents.distribuidor.businessName}: vence en 7 días`, `/cisternas/${soon.id}`]]);
    expect(notes[0].body).toMatch(/El seguro de responsabilidad civil de la cisterna V7C-907 vence el/);
  });
});
