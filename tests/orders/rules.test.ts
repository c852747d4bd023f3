/**
 * The rules checked at registration and sale, and the quantity bounds of each action: each
 * refusal names the problem in Spanish and leaves the database exactly as it was.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { closeOrder } from "@/lib/orders/close-order";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { registerOrder } from "@/lib/orders/register-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import {
  lotOn, buildWorld,
  createActor,
  createAgent,
  flowAOrder,
  flowBOrder,
  seedPorCerrarOrder,
  seedSolicitadoOrder,
  seedVendidoOrder,
  testContext,
  type World,
} from "../support/world";

describe.each(ENGINES)("rules and quantities on %s", (engine) => {
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

  /** Everything a refused action could have touched. */
  async function state() {
    const [orders, lots, movements, agents] = await Promise.all([
      test.db.prisma.order.findMany({ orderBy: { id: "asc" } }),
      test.db.prisma.lot.findMany({ orderBy: { id: "asc" } }),
      test.db.prisma.movement.count(),
      test.db.prisma.agent.findMany({ select: { id: true, committedVolume: true }, orderBy: { id: "asc" } }),
    ]);
    const [counter] = await test.db.prisma.counter.findMany();
    return { orders, lots, movements, agents, counter };
  }

  async function expectRefused(action: () => Promise<unknown>, code: string, field?: string) {
    const before = await state();
    const error = await action().then(
      () => null,
      (e: DomainError) => e,
    );
    expect(error, `expected refusal ${code}`).not.toBeNull();
    expect(error!.code).toBe(code);
    expect(error!.message.length).toBeGreaterThan(10);
    if (field) expect(Object.keys(error!.fieldErrors ?? {})).toContain(field);
    expect(await state()).toEqual(before);
    return error!;
  }

  /** A registration that went through: stored SOLICITADO as asked, at this instant, under the code of its number. */
  async function expectRegistered(registration: Promise<{ code: string; requestedAt: Date }>, expected: { buyerId: number; sellerId: number; requestedVolume: number }) {
    const { code, requestedAt } = await registration;
    expect(requestedAt).toEqual(ctx.now());
    const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code } });
    expect(order).toMatchObject({ state: "SOLICITADO", ...expected, requestedAt });
    expect(code).toBe(ctx.codes.codeFor(order.id));
  }

  describe("registration", () => {
    it("refuses a buyer whose registration is suspended", async () => {
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { registryStatus: "SUSPENDIDO" } });
      const error = await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world)), "COMPRADOR_NO_VIGENTE");
      expect(error.message).toMatch(/suspendida/);
    });

    it("refuses a seller or a plant whose registration is not VIGENTE", async () => {
      await test.db.prisma.agent.update({ where: { id: world.agents.envasadora.id }, data: { registryStatus: "CANCELADO" } });
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world)), "VENDEDOR_NO_VIGENTE");
      await test.db.prisma.agent.update({ where: { id: world.agents.planta.id }, data: { registryStatus: "SUSPENDIDO" } });
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowBOrder(world)), "PLANTA_NO_VIGENTE");
    });

    it("refuses a buyer whose insurance expired yesterday (Lima) or is missing", async () => {
      ctx.clock.set("2026-03-10T15:00:00Z"); // 10:00 in Lima on 10 March
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { insuranceExpiresOn: "2026-03-09" } });
      const error = await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world)), "SEGURO_VENCIDO");
      expect(error.message).toContain("09/03/2026");
      // Still valid through the whole day it expires.
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { insuranceExpiresOn: "2026-03-10" } });
      await expectRegistered(registerOrder(ctx, world.actors.buyer, flowAOrder(world)), {
        buyerId: world.agents.buyer.id,
        sellerId: world.agents.envasadora.id,
        requestedVolume: 100_000,
      });
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { insuranceExpiresOn: null } });
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world)), "SEGURO_NO_REGISTRADO");
    });

    it("refuses a seller that is not of the chosen type, and a flow-b order without a supply plant", async () => {
      await expectRefused(
        () => registerOrder(ctx, world.actors.buyer, { ...flowAOrder(world), sellerType: "DISTRIBUIDOR_A_GRANEL" }),
        "TIPO_VENDEDOR_NO_CORRESPONDE",
        "sellerId",
      );
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, { ...flowBOrder(world), plantId: undefined }), "PLANTA_NO_VALIDA", "plantId");
      await expectRefused(
        () => registerOrder(ctx, world.actors.buyer, { ...flowBOrder(world), plantId: world.agents.envasadora.id }),
        "PLANTA_NO_VALIDA",
        "plantId",
      );
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, { ...flowAOrder(world), sellerId: 999_999 }), "VENDEDOR_NO_EXISTE", "sellerId");
    });

    it("lets tanks ceded in use be supplied only by the seller that ceded them", async () => {
      const ceded = await createAgent(test.db, {
        type: "GASOCENTRO",
        name: "Grifo Cedido S.A.C.",
        capacityGallons: 3_000,
        cededBySellerId: world.agents.distribuidor.id,
      });
      const actor = await createActor(test.db, ceded.id, "COMPRADOR");
      const error = await expectRefused(() => registerOrder(ctx, actor, flowAOrder(world)), "TANQUES_CEDIDOS", "sellerId");
      expect(error.message).toContain("Distribuidora Quarks");
      await expectRegistered(registerOrder(ctx, actor, { ...flowAOrder(world), sellerType: "DISTRIBUIDOR_A_GRANEL", sellerId: world.agents.distribuidor.id }), {
        buyerId: ceded.id,
        sellerId: world.agents.distribuidor.id,
        requestedVolume: 100_000,
      });
    });

    it("keeps the capacidad de compra: storage minus open orders must cover the new volume", async () => {
      await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "6000"));
      await registerOrder(ctx, world.actors.buyer, flowBOrder(world, "3999.99"));
      const error = await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world, "0.02")), "CAPACIDAD_INSUFICIENTE", "volume");
      expect(error.message).toContain("0.01 galones");
      await expectRegistered(registerOrder(ctx, world.actors.buyer, flowAOrder(world, "0.01")), {
        buyerId: world.agents.buyer.id,
        sellerId: world.agents.envasadora.id,
        requestedVolume: 1,
      });
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world, "0.01")), "CAPACIDAD_INSUFICIENTE");
    });

    it("frees capacity when an order is closed or rejected", async () => {
      const closing = await seedPorCerrarOrder(ctx, world, "A", ["5000"]);
      const rejecting = await seedVendidoOrder(ctx, world, "5000");
      await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world, "1")), "CAPACIDAD_INSUFICIENTE");
      await closeOrder(ctx, world.actors.buyer, { code: closing, lots: [{ position: 1, rejected: false, receivedVolume: "4990" }] });
      await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "5000"));
      await rejectOrder(ctx, world.actors.buyer, { code: rejecting, reason: "Cisterna no llegó" });
      await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "5000"));
      const buyer = await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } });
      expect(buyer.committedVolume).toBe(buyer.storageCapacity);
    });

    it("refuses bad input field by field, in Spanish", async () => {
      const error = await expectRefused(
        () =>
          registerOrder(ctx, world.actors.buyer, {
            sellerType: "OTRO" as never,
            sellerId: "x",
            volume: "12,34.567",
            deliveryDate: "2026-02-30",
            comment: "x".repeat(501),
          }),
        "DATOS_INVALIDOS",
      );
      expect(error.fieldErrors).toMatchObject({
        sellerType: [expect.stringMatching(/tipo de agente vendedor/)],
        sellerId: [expect.stringMatching(/Seleccione/)],
        volume: [expect.stringMatching(/galones/)],
        deliveryDate: [expect.stringMatching(/fecha/)],
        comment: [expect.stringMatching(/500 caracteres/)],
      });
      for (const volume of ["0", "-5", "1.234", "abc", "", 0, -1, 1.005, Number.NaN, "10000000.01"]) {
        await expectRefused(() => registerOrder(ctx, world.actors.buyer, flowAOrder(world, volume as string)), "DATOS_INVALIDOS", "volume");
      }
    });
  });

  describe("sale", () => {
    it("needs at least one lot, each > 0, documents well formed, and no more than requested in total", async () => {
      const code = await seedSolicitadoOrder(ctx, world, "A", "1000");
      const seller = world.actors.envasadora;
      await expectRefused(() => sellOrder(ctx, seller, { code, lots: [] }), "DATOS_INVALIDOS", "lots");
      await expectRefused(() => sellOrder(ctx, seller, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "0" }] }), "DATOS_INVALIDOS", "lots.0.volume");
      await expectRefused(() => sellOrder(ctx, seller, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "10", plate: "ABCD" }] }), "DATOS_INVALIDOS", "lots.0.plate");
      await expectRefused(() => sellOrder(ctx, seller, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "10", factura: "X12-3" }] }), "DATOS_INVALIDOS", "lots.0.factura");
      await expectRefused(
        () => sellOrder(ctx, seller, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "600" }, { ...lotOn(world, "envasadora"), volume: "400.01" }] }),
        "VENTA_EXCEDE_SOLICITADO",
        "lots",
      );
      const typed = world.trucks.envasadora[1].plate.toLowerCase().replace("-", "");
      await sellOrder(ctx, seller, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "600" }, { ...lotOn(world, "envasadora"), plate: typed, volume: "400" }] });
      const lots = await test.db.prisma.lot.findMany({ where: { order: { code } }, orderBy: { position: "asc" } });
      expect(lots.map((lot) => [lot.position, lot.soldVolume, lot.plate, lot.truckId])).toEqual([
        [1, 60_000, world.trucks.envasadora[0].plate, world.trucks.envasadora[0].id],
        [2, 40_000, world.trucks.envasadora[1].plate, world.trucks.envasadora[1].id],
      ]);
    });

    it("is refused when the seller or the buyer has been suspended since the order was registered", async () => {
      const code = await seedSolicitadoOrder(ctx, world, "A");
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { registryStatus: "SUSPENDIDO" } });
      await expectRefused(() => sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "10" }] }), "COMPRADOR_NO_VIGENTE");
      await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { registryStatus: "VIGENTE" } });
      await test.db.prisma.agent.update({ where: { id: world.agents.envasadora.id }, data: { registryStatus: "SUSPENDIDO" } });
      await expectRefused(() => sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "10" }] }), "VENDEDOR_NO_VIGENTE");
    });
  });

  describe("dispatch", () => {
    it("records each lot once, > 0 and ≤ sold, at a time between the sale and now", async () => {
      const code = await seedSolicitadoOrder(ctx, world, "B", "1000");
      await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "600" }, { ...lotOn(world, "comercializador"), volume: "400" }] });
      const plant = world.actors.planta;
      await expectRefused(() => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "600" }] }), "LOTES_INCOMPLETOS");
      await expectRefused(
        () => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "600" }, { position: 1, volume: "400" }] }),
        "LOTES_INCOMPLETOS",
      );
      await expectRefused(
        () => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "600.01" }, { position: 2, volume: "400" }] }),
        "DESPACHO_INVALIDO",
        "lots.0.volume",
      );
      await expectRefused(
        () => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "600" }, { position: 2, volume: "0" }] }),
        "DATOS_INVALIDOS",
        "lots.1.volume",
      );
      const future = new Date(ctx.clock.now().getTime() + 3_600_000);
      await expectRefused(
        () => dispatchOrder(ctx, plant, { code, lots: [{ position: 1, volume: "600", dispatchedAt: future }, { position: 2, volume: "400" }] }),
        "DESPACHO_INVALIDO",
        "lots.0.dispatchedAt",
      );
      const other = world.trucks.comercializador[3];
      await dispatchOrder(ctx, plant, { code, lots: [{ position: 2, volume: "399.5", plate: other.plate }, { position: 1, volume: "600" }] });
      const lots = await test.db.prisma.lot.findMany({ where: { order: { code } }, orderBy: { position: "asc" } });
      expect(lots.map((lot) => [lot.dispatchedVolume, lot.dispatchedPlate, lot.dispatchedTruckId])).toEqual([
        [60_000, null, null],
        [39_950, other.plate, other.id],
      ]);
    });
  });

  describe("closure", () => {
    it("takes each lot's received quantity > 0 and ≤ sold, or its rejection", async () => {
      const code = await seedPorCerrarOrder(ctx, world, "A", ["600", "400"]);
      const buyer = world.actors.buyer;
      await expectRefused(
        () => closeOrder(ctx, buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "600.01" }, { position: 2, rejected: true }] }),
        "CANTIDAD_RECIBIDA_INVALIDA",
        "lots.0.receivedVolume",
      );
      await expectRefused(
        () => closeOrder(ctx, buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "0" }, { position: 2, rejected: true }] }),
        "DATOS_INVALIDOS",
        "lots.0.receivedVolume",
      );
      await expectRefused(() => closeOrder(ctx, buyer, { code, lots: [{ position: 1, rejected: true }] }), "LOTES_INCOMPLETOS");
      await expectRefused(
        () => closeOrder(ctx, buyer, { code, lots: [{ position: 1, rejected: true }, { position: 3, rejected: true }] }),
        "LOTES_INCOMPLETOS",
      );
      await expect(
        closeOrder(ctx, buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "600" }, { position: 2, rejected: true }] }),
      ).resolves.toMatchObject({ state: "CERRADO", daysLate: 0 });
    });

    it("with every lot rejected ends RECHAZADO", async () => {
      const code = await seedPorCerrarOrder(ctx, world, "B", ["600", "400"]);
      await expect(
        closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: true }, { position: 2, rejected: true }] }),
      ).resolves.toMatchObject({ state: "RECHAZADO" });
      const movements = await test.db.prisma.movement.findMany({ where: { order: { code } }, orderBy: { id: "asc" } });
      expect(movements.map((m) => m.event)).toEqual(["SOLICITADO", "VENDIDO", "DESPACHADO", "RECHAZADO"]);
    });

    it("counts the Lima calendar days late from the descarga: closing after midnight in Lima is one day late", async () => {
      ctx.clock.set("2026-03-10T23:30:00Z"); // 18:30 in Lima
      const code = await seedPorCerrarOrder(ctx, world, "A", ["500"]);
      ctx.clock.set("2026-03-11T04:59:00Z"); // 23:59 in Lima, same day
      const sameDay = await seedPorCerrarOrder(ctx, world, "A", ["500"]);
      ctx.clock.set("2026-03-11T05:01:00Z"); // 00:01 in Lima on the 11th
      const unloaded = new Date("2026-03-11T04:50:00Z"); // 23:50 in Lima on the 10th
      await expect(
        closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "500", unloadedAt: unloaded }] }),
      ).resolves.toEqual({ state: "CERRADO", dueDay: "2026-03-10", daysLate: 1 });
      // Sold at 23:59 on the 10th; the truck is declared unloaded the moment the buyer closes, four days later: on time.
      ctx.clock.set("2026-03-14T12:00:00Z");
      await expect(closeOrder(ctx, world.actors.buyer, { code: sameDay, lots: [{ position: 1, rejected: false, receivedVolume: "500" }] })).resolves.toEqual({
        state: "CERRADO",
        dueDay: "2026-03-14",
        daysLate: 0,
      });
    });
  });

  describe("rejection", () => {
    it("needs a reason", async () => {
      const code = await seedVendidoOrder(ctx, world);
      await expectRefused(() => rejectOrder(ctx, world.actors.buyer, { code, reason: "  no " }), "DATOS_INVALIDOS", "reason");
      await rejectOrder(ctx, world.actors.buyer, { code, reason: "Producto contaminado" });
      const order = await test.db.prisma.order.findUniqueOrThrow({ where: { code }, include: { lots: true, movements: true } });
      expect(order.rejectionReason).toBe("Producto contaminado");
      expect(order.lots.every((lot) => lot.rejected)).toBe(true);
      expect(order.movements.at(-1)?.detail).toBe("Producto contaminado");
    });

    it("a mistyped code is caught by the check digit before anything is looked up", async () => {
      const code = await seedVendidoOrder(ctx, world);
      const typo = code.slice(0, 10) + String((Number(code[10]) + 1) % 10);
      const error = await expectRefused(() => rejectOrder(ctx, world.actors.buyer, { code: typo, reason: "Producto contaminado" }), "DATOS_INVALIDOS", "code");
      expect(error.fieldErrors!.code[0]).toMatch(/dígito verificador/);
    });
  });
});
