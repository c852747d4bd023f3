/**
 * "Registrar constatación" (seed 001): what an inspector saw, stored with the order's state at that
 * instant, append-only in the database; and its finding in Cumplimiento — a truck unloading while
 * the order read SOLICITADO is the seller's offence — beside the separate 24-hour indicator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { normalizePlate } from "@/lib/constataciones/plate";
import { recordConstatacion } from "@/lib/constataciones/record-constatacion";
import { sql } from "@/lib/db/sql";
import type { ConstatacionInput } from "@/lib/constataciones/schema";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { lateOrdersPage } from "@/lib/regulator/compliance/late-orders";
import { complianceParamsSchema } from "@/lib/regulator/compliance/parameters";
import { complianceReport } from "@/lib/regulator/compliance/report";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, buildWorld, flowAOrder, testContext, type World } from "../support/world";

/** Lima is UTC−5 all year. */
const lima = (day: string, time: string) => new Date(new Date(`${day}T${time}:00Z`).getTime() + 5 * 3_600_000);

describe("normalizePlate", () => {
  it("reads the plate as typed into the national format, keeping other formats' groups", () => {
    expect(["F1X-710", "f1x 710", "F1X710", " f1x–710 ", "F1X.710"].map(normalizePlate)).toEqual(Array(5).fill("F1X-710"));
    expect(normalizePlate("ab-1234")).toBe("AB-1234");
    expect(normalizePlate("T8A 870")).toBe("T8A-870");
  });
});

describe.each(ENGINES)("constataciones on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
    await test.db.prisma.agent.update({ where: { id: world.agents.buyer.id }, data: { storageCapacity: 100_000_000 } });
  });
  afterAll(() => test.drop());

  const seen = (code: string, observedAt: Date | undefined, activity: ConstatacionInput["activity"] = "DESCARGANDO", plate = "f1x 710"): ConstatacionInput => ({
    code,
    observedAt,
    place: "Av. Pachacútec 6587, Villa María del Triunfo",
    plate,
    activity,
  });
  const record = (input: ConstatacionInput, actor = world.actors.regulator) => recordConstatacion(ctx, actor, input);

  /** Flow a, registered at `requestedAt`, sold at `soldAt` if given. */
  async function order(requestedAt: Date, soldAt?: Date) {
    ctx.clock.set(requestedAt.toISOString());
    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "100"));
    if (soldAt) {
      ctx.clock.set(soldAt.toISOString());
      await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "100" }] });
    }
    return code;
  }

  it("stores the order's state at the instant seen, from its movements, whenever it is recorded", async () => {
    const code = await order(lima("2026-05-04", "08:00"), lima("2026-05-04", "10:00"));
    ctx.clock.set(lima("2026-05-04", "12:00").toISOString());
    // Seen unloading at 09:30, recorded at noon: the order still read SOLICITADO then.
    await expect(record(seen(code, lima("2026-05-04", "09:30")))).resolves.toMatchObject({ orderState: "SOLICITADO" });
    // In the minute of the sale and after it: POR CERRAR.
    await expect(record(seen(code, lima("2026-05-04", "10:00")))).resolves.toMatchObject({ orderState: "POR_CERRAR" });
    // Now (by default): its current state.
    await expect(record(seen(code, undefined, "EN_TRANSITO"))).resolves.toMatchObject({ orderState: "POR_CERRAR" });
    // Before the order existed.
    await expect(record(seen(code, lima("2026-05-04", "07:59")))).resolves.toEqual({ id: expect.any(Number), observedAt: lima("2026-05-04", "07:59").toISOString(), orderState: null });

    const rows = await test.db.prisma.constatacion.findMany({ where: { order: { code } }, orderBy: { id: "asc" } });
    expect(rows.map((row) => [row.orderState, row.plate, row.activity])).toEqual([
      ["SOLICITADO", "F1X-710", "DESCARGANDO"],
      ["POR_CERRAR", "F1X-710", "DESCARGANDO"],
      ["POR_CERRAR", "F1X-710", "EN_TRANSITO"],
      [null, "F1X-710", "DESCARGANDO"],
    ]);
    expect(rows[0]).toMatchObject({ observedAt: lima("2026-05-04", "09:30"), recordedAt: lima("2026-05-04", "12:00"), userId: world.actors.regulator.userId, agentId: world.agents.regulator.id });
  });

  it("declared to the minute, takes the state at the end of that minute: the doubt favours the agent", async () => {
    // Registered at 08:00:20 and sold at 09:00:40.
    const code = await order(new Date(lima("2026-05-07", "08:00").getTime() + 20_000), new Date(lima("2026-05-07", "09:00").getTime() + 40_000));
    ctx.clock.set(lima("2026-05-07", "12:00").toISOString());
    // Seen at "08:00": the order existed by the end of that minute.
    await expect(record(seen(code, lima("2026-05-07", "08:00")))).resolves.toMatchObject({ orderState: "SOLICITADO" });
    // Seen unloading at "09:00", the minute it was sold: not counted SOLICITADO.
    await expect(record(seen(code, lima("2026-05-07", "09:00")))).resolves.toMatchObject({ orderState: "POR_CERRAR" });
    await expect(record(seen(code, lima("2026-05-07", "08:59")))).resolves.toMatchObject({ orderState: "SOLICITADO" });
    // Never beyond the moment of the record: seen "now", in the minute of a later sale, is what it is now.
    const fresh = await order(lima("2026-05-07", "12:30"));
    ctx.clock.set(new Date(lima("2026-05-07", "12:31").getTime() + 10_000).toISOString());
    await expect(record(seen(fresh, undefined))).resolves.toMatchObject({ orderState: "SOLICITADO" });
  });

  it("refuses a future instant, bad input, another role and an unknown code, recording nothing", async () => {
    const code = await order(lima("2026-05-05", "08:00"));
    ctx.clock.set(lima("2026-05-05", "09:00").toISOString());
    const before = await test.db.prisma.constatacion.count();
    const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: DomainError) => error);

    const future = await refusal(record(seen(code, new Date(lima("2026-05-05", "09:00").getTime() + 1_000))));
    expect(future).toMatchObject({ code: "FECHA_DECLARADA_INVALIDA", fieldErrors: { observedAt: [expect.stringContaining("posterior a este momento")] } });
    const bad = await refusal(record({ code, place: "x", plate: "F1", activity: "VOLANDO" as never }));
    expect(bad).toMatchObject({ code: "DATOS_INVALIDOS" });
    expect(Object.keys(bad!.fieldErrors!).sort()).toEqual(["activity", "place", "plate"]);
    for (const actor of [world.actors.admin, world.actors.buyer, world.actors.envasadora]) {
      expect(await refusal(record(seen(code, undefined), actor))).toMatchObject({ kind: "forbidden" });
    }
    const unknown = code.slice(0, 3) === "123" ? "45678901236" : "12345678903";
    expect(await refusal(record(seen(unknown, undefined)))).toMatchObject({ kind: expect.stringMatching(/not_found|invalid/) });
    expect(await test.db.prisma.constatacion.count()).toBe(before);
    await expect(record(seen(code, lima("2026-05-05", "09:00")))).resolves.toMatchObject({ orderState: "SOLICITADO" });
  });

  it("is append-only in the database: UPDATE and DELETE are refused whatever the code path", async () => {
    const code = await order(lima("2026-05-06", "08:00"));
    ctx.clock.set(lima("2026-05-06", "08:30").toISOString());
    const { id } = await record(seen(code, undefined));
    // Through hand-written SQL, the trigger's own message; through Prisma's model API, which
    // translates the trigger's error into one of its own, refused all the same.
    await expect(test.db.sql.run(sql`UPDATE constataciones SET order_state = 'CERRADO' WHERE id = ${id}`)).rejects.toThrow(/inmutables/);
    await expect(test.db.sql.run(sql`UPDATE constataciones SET plate = ${"XXX-000"} WHERE id = ${id}`)).rejects.toThrow(/inmutables/);
    await expect(test.db.prisma.constatacion.update({ where: { id }, data: { orderState: "CERRADO" } })).rejects.toThrow();
    await expect(test.db.prisma.constatacion.delete({ where: { id } })).rejects.toThrow();
    await expect(test.db.sql.run(sql`DELETE FROM constataciones WHERE id = ${id}`)).rejects.toThrow(/inmutables/);
    if (engine === "postgresql") await expect(test.db.sql.run(sql`TRUNCATE constataciones CASCADE`)).rejects.toThrow(/inmutables/);
    expect(await test.db.prisma.constatacion.findUniqueOrThrow({ where: { id } })).toMatchObject({ orderState: "SOLICITADO", plate: "F1X-710" });
  });

  describe("in Cumplimiento", () => {
    const params = (input: Record<string, string>) => complianceParamsSchema("2026-07-31").parse(input);
    const report = (input: Record<string, string>, now: Date) => complianceReport(test.db, params(input), now);

    it("a truck seen unloading while its order read SOLICITADO is the seller's finding (seed 001: 184 US$ per order); loading, or after the sale, is not", async () => {
      const offence = await order(lima("2026-07-06", "08:00"), lima("2026-07-06", "11:00"));
      const twice = await order(lima("2026-07-07", "08:00"));
      const loading = await order(lima("2026-07-08", "08:00"));
      const afterSale = await order(lima("2026-07-09", "08:00"), lima("2026-07-09", "09:00"));
      const lastMinute = await order(lima("2026-07-31", "23:00"));
      const nextMonth = await order(lima("2026-07-31", "23:30"));
      ctx.clock.set(lima("2026-08-01", "10:00").toISOString());
      await record(seen(offence, lima("2026-07-06", "10:15")));
      await record(seen(twice, lima("2026-07-07", "09:00")));
      await record(seen(twice, lima("2026-07-07", "09:20"), "DESCARGANDO", "F1X-711"));
      await record(seen(loading, lima("2026-07-08", "09:00"), "CARGANDO"));
      await record(seen(afterSale, lima("2026-07-09", "09:30")));
      await record(seen(lastMinute, lima("2026-07-31", "23:59")));
      await record(seen(nextMonth, lima("2026-08-01", "00:00")));

      const result = await report({ from: "2026-07-01", to: "2026-07-31" }, lima("2026-08-01", "10:00"));
      expect(result.constatadoSellers).toHaveLength(1);
      expect(result.constatadoSellers[0]).toMatchObject({ constataciones: 4, orders: 3, costCents: 3 * 18_400, latestObservedAt: lima("2026-07-31", "23:59") });
      expect(result.constatadoSellers[0].agent.id).toBe(world.agents.envasadora.id);
      expect(result.summary).toMatchObject({ constatadas: 3, constatacionCostCents: 55_200 });
      // Not a buyer's finding: its row has only the two orders sold and left POR CERRAR for weeks.
      expect(result.buyers.find((row) => row.agent.id === world.agents.buyer.id)).toMatchObject({ lateClosed: 0, lateRejected: 0, unclosed: 2, costCents: 0 });

      const list = await test.db.transaction((tx) => lateOrdersPage(tx, params({ from: "2026-07-01", to: "2026-07-31" }), lima("2026-08-01", "10:00"), "constatadas", 1, 50, world.agents.envasadora.id));
      expect(list.total).toBe(4);
      expect(list.orders.map((o) => [o.code, o.constatacion?.plate])).toEqual([
        [offence, "F1X-710"],
        [twice, "F1X-710"],
        [twice, "F1X-711"],
        [lastMinute, "F1X-710"],
      ]);
      // The order's later state does not change what was seen: the offence was sold since.
      expect(list.orders[0].state).toBe("POR_CERRAR");
    });

    it("the 24-hour SOLICITADO indicator stays a separate report: an order seen unloading is in both only if still unattended", async () => {
      const unattended = await order(lima("2026-06-10", "08:00"));
      const input = { from: "2026-06-01", to: "2026-06-30" };
      const result = await report(input, lima("2026-06-11", "08:01"));
      expect(result.sellers.map((row) => [row.agent.id, row.orders])).toEqual([[world.agents.envasadora.id, 1]]);
      expect(result.constatadoSellers).toEqual([]);
      ctx.clock.set(lima("2026-06-11", "09:00").toISOString());
      await record(seen(unattended, lima("2026-06-11", "08:30")));
      const both = await report(input, lima("2026-06-11", "09:00"));
      expect(both.sellers.map((row) => row.orders)).toEqual([1]);
      expect(both.constatadoSellers.map((row) => row.orders)).toEqual([1]);
    });
  });
});
