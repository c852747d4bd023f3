/**
 * Seed 002 (RCD 025-2021-OS/CD art. 19.2 d): the order is closed the Lima day the product is
 * unloaded, and rejected at once when the buyer learns it will not arrive. The buyer declares the
 * descarga per lot (not before the lot left, not in the future) or when it learned; the days late
 * run from that day. And the rules the seeds write for rejection, ceded tanks and insurance. Every
 * refusal names the field in Spanish and leaves the database exactly as it was.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, buildWorld, createActor, createAgent, flowAOrder, flowBOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";

/** Lima is UTC−5 all year: `lima("2026-03-10", "23:30")` is 04:30 UTC on the 11th. */
const lima = (day: string, time: string) => new Date(new Date(`${day}T${time}:00Z`).getTime() + 5 * 3_600_000);

describe.each(ENGINES)("receipt time and the seeds' rules on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
  });
  beforeEach(async () => {
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  async function snapshot() {
    const [orders, lots, movements, agents] = await Promise.all([
      test.db.prisma.order.findMany({ orderBy: { id: "asc" } }),
      test.db.prisma.lot.findMany({ orderBy: { id: "asc" } }),
      test.db.prisma.movement.count(),
      test.db.prisma.agent.findMany({ select: { id: true, committedVolume: true }, orderBy: { id: "asc" } }),
    ]);
    return { orders, lots, movements, agents };
  }

  async function expectRefused(action: () => Promise<unknown>, code: string, field?: string) {
    const before = await snapshot();
    const error = await action().then(
      () => null,
      (e: DomainError) => e,
    );
    expect(error, `expected refusal ${code}`).not.toBeNull();
    expect(error!.code).toBe(code);
    if (field) expect(Object.keys(error!.fieldErrors ?? {})).toContain(field);
    expect(await snapshot()).toEqual(before);
    return error!;
  }

  /** Flow a: registered a minute before `soldAt`, sold then in the given lots. */
  async function soldAt(at: Date, lots: string[] = ["500"], buyer = world.actors.buyer) {
    ctx.clock.set(new Date(at.getTime() - 60_000).toISOString());
    const volume = String(lots.reduce((sum, lot) => sum + Number(lot), 0));
    const { code } = await registerOrder(ctx, buyer, flowAOrder(world, volume));
    ctx.clock.set(at.toISOString());
    await sellOrder(ctx, world.actors.envasadora, { code, lots: lots.map((v, i) => ({ ...lotOn(world, "envasadora", i), volume: v })) });
    return code;
  }

  const received = (position: number, volume: string, unloadedAt?: Date) => ({ position, rejected: false as const, receivedVolume: volume, unloadedAt });
  const orderOf = (code: string) => test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: { orderBy: { position: "asc" } } } });

  describe("the closure is due the Lima day of the earliest descarga", () => {
    it("a truck sold at 23:30 and unloaded after midnight is due the next day: closed that day, it is on time", async () => {
      const code = await soldAt(lima("2026-03-10", "23:30"));
      ctx.clock.set(lima("2026-03-11", "23:59").toISOString());
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", lima("2026-03-11", "00:20"))] })).resolves.toEqual({
        state: "CERRADO",
        dueDay: "2026-03-11",
        daysLate: 0,
      });
      const order = await orderOf(code);
      expect(order).toMatchObject({ porCerrarDay: "2026-03-10", dueDay: "2026-03-11", daysLate: 0, latenessBasis: "DESCARGA" });
      expect(order.lots[0].unloadedAt).toEqual(lima("2026-03-11", "00:20"));
    });

    it("the same truck closed at 00:01 the day after it unloaded is one day late", async () => {
      const code = await soldAt(lima("2026-03-10", "23:30"));
      ctx.clock.set(lima("2026-03-12", "00:01").toISOString());
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", lima("2026-03-11", "00:20"))] })).resolves.toEqual({
        state: "CERRADO",
        dueDay: "2026-03-11",
        daysLate: 1,
      });
    });

    it("unloaded at 23:59 and closed at 00:00 the next day (different Lima days, same UTC day) is one day late", async () => {
      const code = await soldAt(lima("2026-03-10", "20:00"));
      ctx.clock.set(lima("2026-03-11", "00:00").toISOString());
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", lima("2026-03-10", "23:59"))] })).resolves.toMatchObject({
        dueDay: "2026-03-10",
        daysLate: 1,
      });
    });

    it("counts from the earliest of the lots' descargas", async () => {
      const code = await soldAt(lima("2026-03-10", "18:00"), ["300", "200"]);
      ctx.clock.set(lima("2026-03-11", "10:00").toISOString());
      await expect(
        closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "300", lima("2026-03-11", "08:00")), received(2, "200", lima("2026-03-10", "22:00"))] }),
      ).resolves.toMatchObject({ dueDay: "2026-03-10", daysLate: 1 });
    });

    it("the descarga defaults to the moment of the closure: on time", async () => {
      const code = await soldAt(lima("2026-03-10", "09:00"));
      ctx.clock.set(lima("2026-03-13", "10:00").toISOString());
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500")] })).resolves.toEqual({ state: "CERRADO", dueDay: "2026-03-13", daysLate: 0 });
      expect((await orderOf(code)).lots[0].unloadedAt).toEqual(lima("2026-03-13", "10:00"));
    });

    it("refuses a descarga before the sale (to the minute), and accepts one in the sale's minute", async () => {
      const sale = new Date(lima("2026-03-10", "10:00").getTime() + 30_000); // 10:00:30
      const code = await soldAt(sale);
      ctx.clock.set(lima("2026-03-10", "12:00").toISOString());
      const error = await expectRefused(
        () => closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", lima("2026-03-10", "09:59"))] }),
        "FECHA_DECLARADA_INVALIDA",
        "lots.0.unloadedAt",
      );
      expect(error.fieldErrors!["lots.0.unloadedAt"][0]).toBe("La descarga no puede ser anterior a la venta del lote (10/03/2026 10:00:30).");
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", lima("2026-03-10", "10:00"))] })).resolves.toMatchObject({ daysLate: 0 });
    });

    it("refuses a descarga in the future, by as little as a second; now is accepted", async () => {
      const code = await soldAt(lima("2026-03-10", "10:00"));
      const now = lima("2026-03-10", "12:00");
      ctx.clock.set(now.toISOString());
      const error = await expectRefused(
        () => closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", new Date(now.getTime() + 1_000))] }),
        "FECHA_DECLARADA_INVALIDA",
        "lots.0.unloadedAt",
      );
      expect(error.fieldErrors!["lots.0.unloadedAt"][0]).toBe("La fecha y hora de descarga no puede ser posterior a este momento.");
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", now)] })).resolves.toMatchObject({ daysLate: 0 });
    });

    it("in flow b a lot cannot unload before its dispatch, as the plant declared it", async () => {
      ctx.clock.set(lima("2026-03-10", "08:00").toISOString());
      const { code } = await registerOrder(ctx, world.actors.buyer, flowBOrder(world, "500"));
      ctx.clock.set(lima("2026-03-10", "08:30").toISOString());
      await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "500" }] });
      ctx.clock.set(lima("2026-03-10", "11:00").toISOString());
      await dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "500", dispatchedAt: lima("2026-03-10", "10:15") }] });
      ctx.clock.set(lima("2026-03-10", "15:00").toISOString());
      const error = await expectRefused(
        () => closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", lima("2026-03-10", "10:14"))] }),
        "FECHA_DECLARADA_INVALIDA",
        "lots.0.unloadedAt",
      );
      expect(error.fieldErrors!["lots.0.unloadedAt"][0]).toContain("anterior al despacho del lote (10/03/2026 10:15:00)");
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "500", lima("2026-03-10", "10:15"))] })).resolves.toMatchObject({ daysLate: 0 });
    });

    it("refuses a bare wall-clock time: the zone must be said", async () => {
      const code = await soldAt(lima("2026-03-10", "10:00"));
      ctx.clock.set(lima("2026-03-10", "12:00").toISOString());
      const error = await expectRefused(
        () => closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "500", unloadedAt: "2026-03-10T11:00" as never }] }),
        "DATOS_INVALIDOS",
        "lots.0.unloadedAt",
      );
      expect(error.fieldErrors!["lots.0.unloadedAt"][0]).toMatch(/zona horaria/);
      await expect(
        closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "500", unloadedAt: "2026-03-10T11:00:00-05:00" as never }] }),
      ).resolves.toMatchObject({ dueDay: "2026-03-10" });
    });

    it("with every lot rejected it is a rejection, due the day the buyer learned the product would not arrive", async () => {
      const code = await soldAt(lima("2026-03-10", "09:00"), ["300", "200"]);
      ctx.clock.set(lima("2026-03-11", "09:00").toISOString());
      const both = [
        { position: 1, rejected: true as const },
        { position: 2, rejected: true as const },
      ];
      await expectRefused(
        () => closeOrder(ctx, world.actors.buyer, { code, lots: [received(1, "300", lima("2026-03-10", "12:00")), both[1]], nonDeliveryKnownAt: lima("2026-03-10", "12:00") }),
        "FECHA_DECLARADA_INVALIDA",
        "nonDeliveryKnownAt",
      );
      await expect(closeOrder(ctx, world.actors.buyer, { code, lots: both, nonDeliveryKnownAt: lima("2026-03-10", "17:00") })).resolves.toEqual({
        state: "RECHAZADO",
        dueDay: "2026-03-10",
        daysLate: 1,
      });
      expect(await orderOf(code)).toMatchObject({ latenessBasis: "AVISO", nonDeliveryKnownAt: lima("2026-03-10", "17:00"), lots: [{ unloadedAt: null }, { unloadedAt: null }] });
    });
  });

  describe("rejection", () => {
    it("records when the buyer learned the product would not arrive; rejected the next Lima day, it is late", async () => {
      const late = await soldAt(lima("2026-03-10", "09:00"));
      ctx.clock.set(lima("2026-03-11", "00:05").toISOString());
      await expect(rejectOrder(ctx, world.actors.buyer, { code: late, reason: "La cisterna se averió", nonDeliveryKnownAt: lima("2026-03-10", "23:55") })).resolves.toEqual({
        state: "RECHAZADO",
        dueDay: "2026-03-10",
        daysLate: 1,
      });
      expect(await orderOf(late)).toMatchObject({ latenessBasis: "AVISO", dueDay: "2026-03-10", daysLate: 1, nonDeliveryKnownAt: lima("2026-03-10", "23:55") });

      const onTime = await soldAt(lima("2026-03-10", "09:00"));
      ctx.clock.set(lima("2026-03-10", "23:59").toISOString());
      await expect(rejectOrder(ctx, world.actors.buyer, { code: onTime, reason: "La cisterna se averió", nonDeliveryKnownAt: lima("2026-03-10", "09:30") })).resolves.toMatchObject({
        daysLate: 0,
      });
      const byDefault = await soldAt(lima("2026-03-12", "09:00"));
      ctx.clock.set(lima("2026-03-12", "10:00").toISOString());
      await expect(rejectOrder(ctx, world.actors.buyer, { code: byDefault, reason: "Ya no se necesita" })).resolves.toEqual({ state: "RECHAZADO", dueDay: "2026-03-12", daysLate: 0 });
      expect((await orderOf(byDefault)).nonDeliveryKnownAt).toEqual(lima("2026-03-12", "10:00"));
    });

    it("refuses a notice before the order was registered or in the future", async () => {
      const code = await soldAt(lima("2026-03-10", "09:00")); // registered at 08:59
      ctx.clock.set(lima("2026-03-10", "12:00").toISOString());
      const early = await expectRefused(
        () => rejectOrder(ctx, world.actors.buyer, { code, reason: "No llegará", nonDeliveryKnownAt: lima("2026-03-10", "08:58") }),
        "FECHA_DECLARADA_INVALIDA",
        "nonDeliveryKnownAt",
      );
      expect(early.message).toContain("anterior al registro de la orden (10/03/2026 08:59:00)");
      await expectRefused(
        () => rejectOrder(ctx, world.actors.buyer, { code, reason: "No llegará", nonDeliveryKnownAt: lima("2026-03-10", "12:01") }),
        "FECHA_DECLARADA_INVALIDA",
        "nonDeliveryKnownAt",
      );
      await expect(rejectOrder(ctx, world.actors.buyer, { code, reason: "No llegará", nonDeliveryKnownAt: lima("2026-03-10", "08:59") })).resolves.toMatchObject({ daysLate: 0 });
    });

    it("is allowed from SOLICITADO (manual §1: not once CERRADO), frees the capacity, and differs from annulment by its record", async () => {
      const rejecting = await seedSolicitadoOrder(ctx, world, "A", "10000");
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world, "1")), "CAPACIDAD_INSUFICIENTE");
      await rejectOrder(ctx, world.actors.buyer, { code: rejecting, reason: "El proveedor no tiene stock" });
      const order = await orderOf(rejecting);
      expect(order).toMatchObject({ state: "RECHAZADO", rejectionReason: "El proveedor no tiene stock", latenessBasis: "AVISO", daysLate: 0, lots: [] });
      const movements = await test.db.prisma.movement.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
      expect(movements.map((m) => [m.event, m.state, m.detail])).toEqual([
        ["SOLICITADO", "SOLICITADO", null],
        ["RECHAZADO", "RECHAZADO", "El proveedor no tiene stock"],
      ]);
      // The capacity is free again: the same volume registers.
      const annulling = await seedSolicitadoOrder(ctx, world, "A", "10000");
      await annulOrder(ctx, world.actors.buyer, { code: annulling });
      expect(await orderOf(annulling)).toMatchObject({ state: "ANULADO", rejectionReason: null, latenessBasis: null, nonDeliveryKnownAt: null, daysLate: null });
      const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
      expect(buyer.committedVolume).toBe(0);
      // Once CERRADO it can no longer be rejected.
      const closed = await soldAt(ctx.clock.now());
      await closeOrder(ctx, world.actors.buyer, { code: closed, lots: [received(1, "500")] });
      await expectRefused(() => rejectOrder(ctx, world.actors.buyer, { code: closed, reason: "Tarde" }), "TRANSICION_NO_PERMITIDA");
    });
  });

  describe("ceded tanks (seed 004, art. 43A), checked at sale and dispatch too", () => {
    async function cededBuyer(cededBy: number | null) {
      const agent = await createAgent(test.db, { type: "GASOCENTRO", name: "Grifo Cedido S.A.C.", capacityGallons: 5_000, cededBySellerId: cededBy ?? undefined });
      return { agent, actor: await createActor(test.db, agent.id, "COMPRADOR") };
    }

    it("refuses the sale when the tanks were ceded to another seller after the order was registered", async () => {
      const { agent, actor } = await cededBuyer(world.agents.envasadora.id);
      const { code } = await registerOrder(ctx, actor, flowAOrder(world, "100"));
      await test.db.prisma.agent.update({ where: { id: agent.id }, data: { cededBySellerId: world.agents.distribuidor.id } });
      const error = await expectRefused(() => sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "100" }] }), "TANQUES_CEDIDOS");
      expect(error.message).toBe("Los tanques de Grifo Cedido S.A.C. fueron cedidos en uso por Distribuidora Quarks S.A.C.: solo ese vendedor puede abastecerlos.");
      await test.db.prisma.agent.update({ where: { id: agent.id }, data: { cededBySellerId: world.agents.envasadora.id } });
      await expect(sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "100" }] })).resolves.toEqual({ state: "POR_CERRAR" });
    });

    it("refuses a cession by an agent that may not cede (a Comercializador), at registration and at sale", async () => {
      const { agent, actor } = await cededBuyer(null);
      const { code } = await registerOrder(ctx, actor, flowAOrder(world, "100"));
      // Recorded behind the registry's back (the registry itself refuses it: see below).
      await test.db.prisma.agent.update({ where: { id: agent.id }, data: { cededBySellerId: world.agents.comercializador.id } });
      const atSale = await expectRefused(() => sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "100" }] }), "CESION_NO_VALIDA");
      expect(atSale.message).toContain("Comercializadora Gluones S.A., que no es Planta Envasadora ni Distribuidor a Granel");
      await expectRefused(() => registerOrder(ctx, actor, flowAOrder(world, "100")), "CESION_NO_VALIDA", "sellerId");
    });

    it("refuses the dispatch when the buyer's tanks were ceded after the sale (flow b: no ceding seller sells there)", async () => {
      const { agent, actor } = await cededBuyer(null);
      const { code } = await registerOrder(ctx, actor, flowBOrder(world, "100"));
      await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "100" }] });
      await test.db.prisma.agent.update({ where: { id: agent.id }, data: { cededBySellerId: world.agents.envasadora.id } });
      const error = await expectRefused(() => dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "100" }] }), "TANQUES_CEDIDOS");
      expect(error.message).toContain("Los tanques de Grifo Cedido S.A.C. fueron cedidos en uso por Envasadora Fermiones S.A.C.");
      await test.db.prisma.agent.update({ where: { id: agent.id }, data: { cededBySellerId: null } });
      await expect(dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "100" }] })).resolves.toBeUndefined();
    });
  });

  describe("art. 31: the dispatch re-checks the buyer's insurance and registry", () => {
    async function soldFlowB() {
      ctx.clock.set(lima("2026-03-10", "08:00").toISOString());
      const { code } = await registerOrder(ctx, world.actors.buyer, flowBOrder(world, "100"));
      await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "100" }] });
      return code;
    }

    it("refuses the dispatch when the buyer's policy expired yesterday (Lima), and allows it the day it expires", async () => {
      const code = await soldFlowB();
      ctx.clock.set(lima("2026-03-11", "00:10").toISOString());
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { insuranceExpiresOn: "2026-03-10" } });
      const error = await expectRefused(() => dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "100" }] }), "SEGURO_VENCIDO");
      expect(error.message).toContain("10/03/2026");
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { insuranceExpiresOn: "2026-03-11" } });
      await expect(dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "100" }] })).resolves.toBeUndefined();
    });

    it("refuses the dispatch when the buyer has no policy, or its registration was suspended after the sale", async () => {
      const code = await soldFlowB();
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { insuranceExpiresOn: null } });
      await expectRefused(() => dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "100" }] }), "SEGURO_NO_REGISTRADO");
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { insuranceExpiresOn: "2030-12-31", registryStatus: "SUSPENDIDO" } });
      await expectRefused(() => dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "100" }] }), "COMPRADOR_NO_VIGENTE");
    });
  });
});
