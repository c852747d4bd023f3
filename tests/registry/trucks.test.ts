/**
 * The administrator's truck registry on a real database: inscription with its checks, edits,
 * changes of state with the reason in the audit log (taking effect on the next sale at once), the
 * all-or-nothing CSV import, and the lots a truck carried in a period.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { sellOrder } from "@/lib/orders/sell-order";
import { ImportRejected } from "@/lib/registry/agent-import";
import { importTrucks } from "@/lib/registry/truck-import";
import { changeTruckStatus, createTruck, listTrucks, parseTruckFilter, truckHistory, truckLots, updateTruck } from "@/lib/registry/trucks";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { DOCUMENTS, buildWorld, seedSolicitadoOrder, testContext, type World } from "../support/world";

const actor = { userId: null, username: "admin", ip: "127.0.0.1" };

describe.each(ENGINES)("truck registry on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let serial = 0;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
  });
  beforeEach(async () => {
    world = await buildWorld(test.db);
    serial++;
  });
  afterAll(() => test.drop());

  const input = (overrides: Record<string, unknown> = {}) => ({
    plate: `f${serial}x 710`.slice(0, 3) + "710",
    registryNumber: `${84400 + serial}-038-150516`,
    ownerAgentId: world.agents.distribuidor.id,
    capacity: "3,500.50",
    insuranceExpiresOn: "2027-05-31",
    ...overrides,
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: DomainError) => e);

  it("inscribes a truck VIGENTE with its plate normalised, and audits it", async () => {
    const plate = `F${serial}X-710`;
    const { id } = await createTruck(test.db, actor, input({ plate: plate.toLowerCase().replace("-", " ") }));
    const truck = await test.db.prisma.truck.findUniqueOrThrow({ where: { id } });
    expect([truck.plate, truck.capacity, truck.status, truck.insuranceExpiresOn]).toEqual([plate, 350_050, "VIGENTE", "2027-05-31"]);
    const [created] = await test.db.transaction((tx) => truckHistory(tx, truck));
    expect([created.action, created.username]).toEqual(["TRUCK_CREATED", "admin"]);
  });

  it("refuses bad data field by field, a second live registration of a plate, and an owner that does not sell", async () => {
    const bad = await refusal(createTruck(test.db, actor, input({ plate: "ABCD", registryNumber: "84408-38-150516", capacity: "0", insuranceExpiresOn: "" })));
    expect(Object.keys(bad!.fieldErrors!).sort()).toEqual(["capacity", "insuranceExpiresOn", "plate", "registryNumber"]);
    expect(bad!.fieldErrors!.plate[0]).toMatch(/formato peruano/);
    const big = await refusal(createTruck(test.db, actor, input({ capacity: "20000.01" })));
    expect(big!.fieldErrors!.capacity[0]).toMatch(/20,000 galones/);

    const plate = `G${serial}X-710`;
    await createTruck(test.db, actor, input({ plate }));
    const twice = await refusal(createTruck(test.db, actor, input({ plate, registryNumber: `${94400 + serial}-038-150516` })));
    expect(twice!.fieldErrors!.plate[0]).toMatch(/ya tiene una inscripción vigente/);
    const sameNumber = await refusal(createTruck(test.db, actor, input({ plate: `H${serial}X-710` })));
    expect(sameNumber!.fieldErrors!.registryNumber[0]).toMatch(/ya pertenece a la cisterna/);
    const buyerOwned = await refusal(createTruck(test.db, actor, input({ plate: `J${serial}X-710`, registryNumber: `${74400 + serial}-038-150516`, ownerAgentId: world.agents.buyer.id })));
    expect(buyerOwned!.fieldErrors!.ownerAgentId[0]).toMatch(/Planta Envasadora, un Distribuidor a Granel/);
  });

  it("suspends, reinstates and cancels with a reason in the audit log; a suspension stops the next sale at once", async () => {
    const truck = world.trucks.envasadora[0];
    const code = await seedSolicitadoOrder(ctx, world, "A", "100");
    await changeTruckStatus(test.db, actor, { truckId: truck.id, status: "SUSPENDIDO", reason: "Póliza de seguro observada en la inspección." });
    const refused = await refusal(sellOrder(ctx, world.actors.envasadora, { code, lots: [{ plate: truck.plate, ...DOCUMENTS, volume: "100" }] }));
    expect(refused?.code).toBe("CISTERNA_NO_VIGENTE");
    const again = await refusal(changeTruckStatus(test.db, actor, { truckId: truck.id, status: "SUSPENDIDO", reason: "Otra vez, por las dudas." }));
    expect(again?.message).toMatch(/ya está SUSPENDIDO/);
    const short = await refusal(changeTruckStatus(test.db, actor, { truckId: truck.id, status: "VIGENTE", reason: "ok" }));
    expect(short?.fieldErrors?.reason?.[0]).toMatch(/al menos 10 caracteres/);
    await changeTruckStatus(test.db, actor, { truckId: truck.id, status: "VIGENTE", reason: "Póliza renovada y verificada." });
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ plate: truck.plate, ...DOCUMENTS, volume: "100" }] });
    await changeTruckStatus(test.db, actor, { truckId: truck.id, status: "CANCELADO", reason: "Unidad transferida a otro titular." });
    const back = await refusal(changeTruckStatus(test.db, actor, { truckId: truck.id, status: "VIGENTE", reason: "Intento de rehabilitar la cancelada." }));
    expect(back?.message).toMatch(/está cancelada: no cambia de estado/);
    const history = await test.db.transaction((tx) => truckHistory(tx, truck));
    expect(history.map((event) => [event.action, event.detail])).toEqual([
      ["TRUCK_CANCELLED", "Unidad transferida a otro titular."],
      ["TRUCK_REINSTATED", "Póliza renovada y verificada."],
      ["TRUCK_SUSPENDED", "Póliza de seguro observada en la inspección."],
    ]);
    // Seed 001: once cancelled, the plate may be inscribed again, under another owner's registration.
    const { id } = await createTruck(test.db, actor, input({ plate: truck.plate, ownerAgentId: world.agents.distribuidor.id }));
    expect((await test.db.prisma.truck.findUniqueOrThrow({ where: { id } })).status).toBe("VIGENTE");
  });

  it("keeps plate and owner of a truck that carried lots; a cancelled one is not edited", async () => {
    const truck = world.trucks.envasadora[1];
    const code = await seedSolicitadoOrder(ctx, world, "A", "100");
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ plate: truck.plate, ...DOCUMENTS, volume: "100" }] });
    const same = { plate: truck.plate, registryNumber: truck.registryNumber, ownerAgentId: truck.ownerAgentId, capacity: "12000", insuranceExpiresOn: "2028-01-31" };
    await updateTruck(test.db, actor, truck.id, same);
    expect((await test.db.prisma.truck.findUniqueOrThrow({ where: { id: truck.id } })).capacity).toBe(1_200_000);
    const moved = await refusal(updateTruck(test.db, actor, truck.id, { ...same, ownerAgentId: world.agents.distribuidor.id }));
    expect(moved?.code).toBe("CISTERNA_CON_LOTES");
    await changeTruckStatus(test.db, actor, { truckId: truck.id, status: "CANCELADO", reason: "Baja definitiva de la unidad." });
    expect((await refusal(updateTruck(test.db, actor, truck.id, same)))?.code).toBe("CISTERNA_CANCELADA");
  });

  it("lists by plate, registry number, owner and state, a page at a time", async () => {
    const owner = world.agents.comercializador;
    const byOwner = await test.db.transaction((tx) => listTrucks(tx, engine, parseTruckFilter({ owner: String(owner.id) })));
    expect(byOwner.total).toBe(5);
    const byPlate = await test.db.transaction((tx) => listTrucks(tx, engine, parseTruckFilter({ q: world.trucks.comercializador[2].plate.toLowerCase().replace("-", "") })));
    expect(byPlate.trucks.map((truck) => truck.id)).toEqual([world.trucks.comercializador[2].id]);
    const byName = await test.db.transaction((tx) => listTrucks(tx, engine, parseTruckFilter({ q: "gluones", status: "VIGENTE" })));
    // Every world has a Comercializadora Gluones: its trucks and no one else's.
    expect(byName.trucks.length).toBeGreaterThanOrEqual(5);
    expect(byName.trucks.every((truck) => truck.owner.businessName === owner.businessName && truck.status === "VIGENTE")).toBe(true);
  });

  it("lists the lots a truck carried in a period, as sold and as dispatched on it", async () => {
    const truck = world.trucks.envasadora[2];
    ctx.clock.set("2026-04-01T15:00:00Z");
    const april = await seedSolicitadoOrder(ctx, world, "A", "100");
    await sellOrder(ctx, world.actors.envasadora, { code: april, lots: [{ plate: truck.plate, ...DOCUMENTS, volume: "100" }] });
    ctx.clock.set("2026-05-02T15:00:00Z");
    const may = await seedSolicitadoOrder(ctx, world, "A", "100");
    await sellOrder(ctx, world.actors.envasadora, { code: may, lots: [{ plate: truck.plate, ...DOCUMENTS, volume: "100" }] });
    const inApril = await test.db.transaction((tx) => truckLots(tx, truck.id, { from: "2026-04-01", to: "2026-04-30" }));
    expect(inApril.map((lot) => lot.order.code)).toEqual([april]);
    const both = await test.db.transaction((tx) => truckLots(tx, truck.id, { from: "2026-04-01", to: "2026-05-31" }));
    expect(both.map((lot) => lot.order.code)).toEqual([may, april]);
    ctx.clock.set("2026-03-10T15:00:00Z");
  });

  describe("CSV import", () => {
    const row = (overrides: Record<string, string> = {}) => ({
      placa: `K${serial}A-${100 + Object.keys(overrides).length}`,
      numero_registro: `${60000 + serial * 10}-038-010124`,
      ruc_propietario: world.agents.distribuidor.ruc,
      capacidad_galones: "5000",
      vencimiento_seguro: "2027-12-31",
      ...overrides,
    });

    it("inscribes every row or none, reporting each refused row", async () => {
      const before = await test.db.prisma.truck.count();
      const rows = [
        row(),
        row({ placa: `K${serial}B-200`, numero_registro: `${60001 + serial * 10}-038-010124`, ruc_propietario: world.agents.buyer.ruc }),
        row({ placa: "ZZZZ", numero_registro: `${60002 + serial * 10}-038-010124` }),
        row({ placa: `K${serial}C-300`, numero_registro: `${60000 + serial * 10}-038-010124` }),
      ];
      const error = (await importTrucks(test.db, actor, rows, "cisternas.csv").catch((e) => e)) as ImportRejected;
      expect(error).toBeInstanceOf(ImportRejected);
      expect(error.message).toMatch(/no se inscribió ninguna cisterna/);
      expect(error.rowErrors.map((e) => [e.row, e.field])).toEqual([
        [3, "RUC del propietario"],
        [4, "Placa"],
        [5, "Número de registro"],
      ]);
      expect(await test.db.prisma.truck.count()).toBe(before);

      const { imported } = await importTrucks(test.db, actor, [row(), row({ placa: `K${serial}D-400`, numero_registro: `${60003 + serial * 10}-038-010124` })], "cisternas.csv");
      expect(imported).toBe(2);
      expect(await test.db.prisma.truck.count()).toBe(before + 2);
      const audit = await test.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "TRUCKS_IMPORTED" }, orderBy: { id: "desc" } });
      expect(audit.detail).toBe("2 cisternas inscritas");
    });
  });
});
