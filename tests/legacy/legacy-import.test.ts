/**
 * Historical orders from the legacy SCOP: imported all or nothing, found by exact code, marked,
 * never handed out again by the generator, and consistent for the integrity checker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_CHECK_DIGIT_MESSAGE } from "@/lib/authorization-code/schema";
import { hasValidDammCheckDigit } from "@/lib/authorization-code/damm";
import type { DomainError } from "@/lib/errors";
import { importLegacyOrders } from "@/lib/legacy/legacy-import";
import { LEGACY_CSV_HEADER } from "@/lib/legacy/legacy-csv";
import { LEGACY_SYSTEM_USERNAME } from "@/lib/legacy/system-user";
import { closeOrder } from "@/lib/orders/close-order";
import { checkIntegrity } from "@/lib/orders/integrity";
import { findOrderFor } from "@/lib/orders/queries";
import { registerOrder } from "@/lib/orders/register-order";
import { ImportRejected, type CsvRow } from "@/lib/registry/agent-import";
import { orderBatches, type ExportRow } from "@/lib/regulator/export-batches";
import { EXPORT_COLUMNS } from "@/lib/regulator/export-columns";
import { orderFilterSchema } from "@/lib/regulator/order-filter";
import { searchOrders } from "@/lib/regulator/order-search";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, createAgent, createTruck, flowAOrder, testContext, type World } from "../support/world";

const SEED_CODES = ["60019903972", "60020060393", "60597068962", "11954452339", "60606659822"];

describe("the seeds' codes", () => {
  it("are real legacy codes: four of five fail this portal's check digit", () => {
    expect(SEED_CODES.filter((code) => !hasValidDammCheckDigit(code))).toEqual(["60019903972", "60597068962", "11954452339", "60606659822"]);
  });
});

describe.each(ENGINES)("legacy import on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let admin: { userId: number; username: string; ip: string | null };
  const now = new Date("2026-03-10T15:00:00Z");

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
    admin = { userId: world.actors.admin.userId, username: "admin", ip: "127.0.0.1" };
  });
  afterAll(() => test.drop());

  const party = (agent: { ruc: string; registryNumber: string }) => ({ ruc: agent.ruc, registry: agent.registryNumber });

  /** A row with every column, flow a from the Planta Envasadora, closed the same day unless told. */
  function row(values: Partial<Record<(typeof LEGACY_CSV_HEADER)[number], string>>): CsvRow {
    const buyer = party(world.agents.buyer);
    const seller = party(world.agents.envasadora);
    const base: Record<string, string> = Object.fromEntries(LEGACY_CSV_HEADER.map((column) => [column, ""]));
    return {
      ...base,
      ruc_comprador: buyer.ruc,
      registro_comprador: buyer.registry,
      ruc_vendedor: seller.ruc,
      registro_vendedor: seller.registry,
      volumen_solicitado: "2500",
      estado: "CERRADO",
      movimientos: "SOLICITADO 30/06/2021 20:23:53; VENDIDO 30/06/2021 20:26:26; CERRADO 30/06/2021 20:30:08",
      volumen_vendido: "2500",
      placa: "C4F-721",
      guia_remision: "000929",
      factura: "001387",
      volumen_recibido: "2498.75",
      ...values,
    };
  }

  async function counts() {
    const [orders, lots, movements, imports] = await Promise.all([
      test.db.prisma.order.count(),
      test.db.prisma.lot.count(),
      test.db.prisma.movement.count(),
      test.db.prisma.legacyImport.count(),
    ]);
    return { orders, lots, movements, imports };
  }

  it("refuses a file with one bad row and imports nothing, reporting every refused row", async () => {
    const before = await counts();
    const rows = [
      row({ codigo: "60020060393" }),
      row({ codigo: "60019903972", estado: "SOLICITADO", movimientos: "SOLICITADO 30/06/2021 19:09:26", volumen_vendido: "", placa: "", volumen_recibido: "" }),
      row({ codigo: "60597068962", ruc_comprador: "20100070970" }),
      row({ codigo: "11954452339", movimientos: "SOLICITADO 20/08/2021 08:00:00; CERRADO 23/08/2021 17:40:00" }),
      row({ codigo: "60606659822", volumen_recibido: "2600" }),
      row({ codigo: "60020060393" }),
    ];
    const error = (await importLegacyOrders(test.db, admin, rows, "historico.csv", { now }).catch((e) => e)) as ImportRejected;
    expect(error).toBeInstanceOf(ImportRejected);
    expect(error.message).toMatch(/no se importó ninguna orden/);
    expect(error.rowErrors.map((e) => [e.row, e.field])).toEqual([
      [3, "Estado"],
      [4, "RUC del comprador"],
      [5, "Movimientos"],
      [6, "Volumen recibido"],
      [7, "Código de Autorización"],
    ]);
    expect(error.rowErrors.map((e) => e.message).join(" ")).toMatch(/CERRADO no puede seguir a SOLICITADO/);
    expect(await counts()).toEqual(before);
  });

  it("checks each party's registry number against its RUC, and the flow against the seller", async () => {
    const before = await counts();
    const rows = [
      row({ codigo: "60020060393", registro_comprador: "11111-038-150516" }),
      row({
        codigo: "60019903972",
        ruc_planta: world.agents.planta.ruc,
        registro_planta: world.agents.planta.registryNumber,
        movimientos: "SOLICITADO 30/06/2021 08:00:00; VENDIDO 30/06/2021 09:00:00; DESPACHADO 30/06/2021 10:00:00; CERRADO 30/06/2021 15:00:00",
        volumen_despachado: "2500",
      }),
    ];
    const error = (await importLegacyOrders(test.db, admin, rows, "historico.csv", { now }).catch((e) => e)) as ImportRejected;
    expect(error.rowErrors.map((e) => [e.row, e.field])).toEqual([
      [2, "Registro del comprador"],
      [3, "RUC del vendedor"],
    ]);
    expect(error.rowErrors[0].message).toMatch(/inscrito con el N° .*, no 11111-038-150516/);
    expect(await counts()).toEqual(before);
  });

  describe("imported", () => {
    let truckId: number;
    beforeAll(async () => {
      const truck = await createTruck(test.db, { plate: "F1X-710", ownerAgentId: world.agents.distribuidor.id, status: "CANCELADO" });
      truckId = truck.id;
      const gasocentro = await createAgent(test.db, { type: "GASOCENTRO", name: "Estación Las Conchitas E.I.R.L.", capacityGallons: 5000 });
      const rows = [
        row({ codigo: "60020060393" }),
        row({ codigo: "60019903972", estado: "ANULADO", movimientos: "SOLICITADO 30/06/2021 19:09:26; ANULADO 30/06/2021 19:54:52", volumen_vendido: "", placa: "", guia_remision: "", factura: "", volumen_recibido: "" }),
        row({
          codigo: "60597068962",
          ruc_comprador: gasocentro.ruc,
          registro_comprador: gasocentro.registryNumber,
          ruc_vendedor: world.agents.distribuidor.ruc,
          registro_vendedor: world.agents.distribuidor.registryNumber,
          volumen_solicitado: "2000",
          movimientos: "SOLICITADO 2017-05-23 09:12:40; VENDIDO 2018-01-11 10:05:00; CERRADO 2018-01-11 16:20:00",
          volumen_vendido: "2000",
          placa: "f1x710",
          volumen_recibido: "2000",
        }),
        row({ codigo: "11954452339", movimientos: "SOLICITADO 20/08/2021 08:00:00; VENDIDO 20/08/2021 09:10:00; CERRADO 23/08/2021 17:40:00" }),
        row({
          codigo: "60606659822",
          ruc_vendedor: world.agents.comercializador.ruc,
          registro_vendedor: world.agents.comercializador.registryNumber,
          ruc_planta: world.agents.planta.ruc,
          registro_planta: world.agents.planta.registryNumber,
          volumen_solicitado: "3100",
          estado: "RECHAZADO",
          movimientos: "SOLICITADO 2017-07-08 08:00:00; VENDIDO 2017-07-08 09:00:00; DESPACHADO 2017-07-09 07:00:00; RECHAZADO 2017-07-11 10:00:00",
          volumen_vendido: "3100",
          volumen_despachado: "3100",
          placa: "T8A-870",
          volumen_recibido: "",
          motivo_rechazo: "Producto no conforme",
        }),
      ];
      const progress: number[] = [];
      const result = await importLegacyOrders(test.db, admin, rows, "historico.csv", { now, onProgress: (p) => p.stage === "importando" && progress.push(p.done) });
      expect(result.imported).toBe(5);
      expect(progress).toEqual([0, 5]);
    });

    it("keeps each order's history as the services would have recorded it", async () => {
      const orders = await test.db.prisma.order.findMany({
        where: { code: { in: SEED_CODES } },
        include: { lots: true, movements: { orderBy: { id: "asc" }, include: { user: true } } },
        orderBy: { code: "asc" },
      });
      const byCode = new Map(orders.map((order) => [order.code, order]));
      expect(orders.every((order) => order.legacyImportId !== null)).toBe(true);
      const closedLate = byCode.get("11954452339")!;
      expect([closedLate.state, closedLate.porCerrarDay, closedLate.daysLate, closedLate.version]).toEqual(["CERRADO", "2021-08-20", 3, 2]);
      const annulled = byCode.get("60019903972")!;
      expect(annulled.movements.map((m) => [m.event, m.state, m.occurredAt.toISOString()])).toEqual([
        ["SOLICITADO", "SOLICITADO", "2021-07-01T00:09:26.000Z"],
        ["ANULADO", "ANULADO", "2021-07-01T00:54:52.000Z"],
      ]);
      expect(annulled.lots).toEqual([]);
      const hytek = byCode.get("60597068962")!;
      expect(hytek.lots.map((lot) => [lot.plate, lot.truckId, lot.guiaRemision, lot.factura, lot.receivedVolume, lot.loadDay])).toEqual([["F1X-710", truckId, "000929", "001387", 200_000, "2018-01-11"]]);
      const rejected = byCode.get("60606659822")!;
      expect([rejected.flow, rejected.state, rejected.rejectionReason, rejected.lots[0].rejected, rejected.lots[0].dispatchedVolume]).toEqual(["B", "RECHAZADO", "Producto no conforme", true, 310_000]);
      expect(rejected.movements.map((m) => m.agentId)).toEqual([world.agents.buyer.id, world.agents.comercializador.id, world.agents.planta.id, world.agents.buyer.id]);
      expect(new Set(orders.flatMap((order) => order.movements.map((m) => [m.user.username, m.user.active].join())))).toEqual(new Set([`${LEGACY_SYSTEM_USERNAME},false`]));
      const audit = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "LEGACY_ORDERS_IMPORTED" } });
      expect(audit.detail).toMatch(/5 órdenes del SCOP anterior/);
    });

    it("passes the integrity checker", async () => {
      const report = await checkIntegrity(test.db);
      expect(report.violations).toEqual([]);
    });

    it("is found by exact code on every read; an action on it is refused for its state, not as mistyped", async () => {
      for (const code of SEED_CODES) {
        const found = await test.db.transaction((tx) => findOrderFor(tx, world.actors.regulator, code));
        expect(found?.code).toBe(code);
        expect(found?.legacyImportId).not.toBeNull();
      }
      expect(await test.db.transaction((tx) => findOrderFor(tx, world.actors.buyer, "60019903972"))).not.toBeNull();
      // Movimientos and its exports find it by code and mark it.
      const page = await searchOrders(test.db, orderFilterSchema.parse({ code: "60597068962" }), null, 50);
      expect(page.orders.map((order) => [order.code, order.legacyImportId !== null])).toEqual([["60597068962", true]]);
      const exported: ExportRow[] = [];
      for await (const rows of orderBatches(test.db, orderFilterSchema.parse({ plate: "F1X-710" }))) exported.push(...rows);
      expect(exported.map((row) => [row.code, row.legacy])).toEqual([["60597068962", true]]);
      const marker = EXPORT_COLUMNS.find((column) => column.header === "Código SCOP anterior")!;
      expect(marker.value(exported[0])).toBe("Sí");
      expect(await test.db.transaction((tx) => findOrderFor(tx, world.actors.otherBuyer, "60019903972"))).toBeNull();
      const closing = (await closeOrder(ctx, world.actors.buyer, { code: "60019903972", lots: [{ position: 1, rejected: true }] }).catch((e) => e)) as DomainError;
      expect([closing.code, closing.message]).toEqual(["TRANSICION_NO_PERMITIDA", expect.stringMatching(/está en estado ANULADO/)]);
      // Another buyer's legacy order fails the check digit like a typo: nothing tells it exists.
      const other = (await closeOrder(ctx, world.actors.otherBuyer, { code: "60019903972", lots: [{ position: 1, rejected: true }] }).catch((e) => e)) as DomainError;
      expect([other.code, other.fieldErrors?.code]).toEqual(["DATOS_INVALIDOS", [CODE_CHECK_DIGIT_MESSAGE]]);
    });

    it("a code that matches nothing is 'mistyped' when it fails the check digit and 'not found' when it passes", async () => {
      const mistyped = (await closeOrder(ctx, world.actors.buyer, { code: "60019903973", lots: [{ position: 1, rejected: true }] }).catch((e) => e)) as DomainError;
      expect([mistyped.kind, mistyped.fieldErrors?.code]).toEqual(["invalid", [CODE_CHECK_DIGIT_MESSAGE]]);
      const unknown = ctx.codes.codeFor(999_999);
      const missing = (await closeOrder(ctx, world.actors.buyer, { code: unknown, lots: [{ position: 1, rejected: true }] }).catch((e) => e)) as DomainError;
      expect([missing.kind, missing.code]).toEqual(["not_found", "ORDEN_NO_ENCONTRADA"]);
    });

    it("refuses to import a code already in the database", async () => {
      const error = (await importLegacyOrders(test.db, admin, [row({ codigo: "60020060393" })], "otra-vez.csv", { now }).catch((e) => e)) as ImportRejected;
      expect(error.rowErrors[0].message).toMatch(/Ya existe una orden con el código 60020060393/);
    });

    it("the generator never hands out a code an imported order has", async () => {
      const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "10"));
      const n = ctx.codes.orderNumberOf(code);
      // The import takes the next order number for itself; the one after is the next registration's.
      const taken = ctx.codes.codeFor(n + 2);
      await importLegacyOrders(test.db, admin, [row({ codigo: taken })], "colision.csv", { now });
      const next = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "10"));
      expect(next.code).toBe(ctx.codes.codeFor(n + 3));
      const legacy = await test.db.prisma.order.findUniqueOrThrow({ where: { code: taken } });
      expect([legacy.legacyImportId !== null, legacy.state]).toEqual([true, "CERRADO"]);
      expect((await checkIntegrity(test.db)).violations).toEqual([]);
    });
  });
});
