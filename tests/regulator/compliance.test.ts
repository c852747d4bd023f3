import ExcelJS from "exceljs";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/orders/context";
import { closeOrder } from "@/lib/orders/close-order";
import { rejectOrder } from "@/lib/orders/reject-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { BUYER_COLUMNS, CONSTATADO_COLUMNS, ORDER_COLUMNS, SELLER_COLUMNS, complianceCsv, complianceWorkbook, orderCells } from "@/lib/regulator/compliance/export";
import {
  CUADRO_03_CENTS,
  TYPE_CATEGORY_OF,
  closureCostCents,
  dayRangeIndex,
  meanDayRangeIndex,
  orderRangeIndex,
} from "@/lib/regulator/compliance/grading";
import { lateOrdersPage } from "@/lib/regulator/compliance/late-orders";
import { complianceParamsSchema, complianceSearchParams, type ComplianceParams } from "@/lib/regulator/compliance/parameters";
import { complianceReport, type LateKind } from "@/lib/regulator/compliance/report";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, buildWorld, createActor, createAgent, testContext, type World } from "../support/world";

/** Lima is UTC−5 all year: 23:59 in Lima on the 10th is 04:59 UTC on the 11th. */
const lima = (day: string, time: string) => new Date(new Date(`${day}T${time}:00Z`).getTime() + 5 * 3_600_000);

const params = (input: Record<string, string> = {}): ComplianceParams => complianceParamsSchema("2026-11-26").parse(input);

describe("grading (seed 003, Cuadro Nro. 03 and 04)", () => {
  it("puts each number of orders in its range, at every boundary", () => {
    expect([1, 3, 4, 6, 7, 12, 13, 24, 25, 48, 49, 500].map(orderRangeIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it("puts each number of days in its range, at every boundary", () => {
    expect([1, 2, 3, 5, 6, 10, 11, 40].map(dayRangeIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it("grades an agent's orders by their mean days, without rounding the mean away", () => {
    expect(meanDayRangeIndex(4, 2)).toBe(0); // mean 2
    expect(meanDayRangeIndex(5, 2)).toBe(1); // mean 2.5: more than "hasta 2 días"
    expect(meanDayRangeIndex(10, 2)).toBe(1); // mean 5
    expect(meanDayRangeIndex(31, 3)).toBe(3); // mean 10.33
    expect(meanDayRangeIndex(30, 3)).toBe(2); // mean 10
  });

  it("maps each agent type to its Cuadro Nro. 04 factor", () => {
    const factors = params().factorHundredths;
    expect(factors[TYPE_CATEGORY_OF.GASOCENTRO]).toBe(100);
    expect(factors[TYPE_CATEGORY_OF.PLANTA_ENVASADORA]).toBe(250);
    expect(factors[TYPE_CATEGORY_OF.DISTRIBUIDOR_A_GRANEL]).toBe(150);
    expect(factors[TYPE_CATEGORY_OF.CONSUMIDOR_DIRECTO]).toBe(30);
    expect(factors[TYPE_CATEGORY_OF.RED_DE_DISTRIBUCION]).toBe(30);
    expect(factors[TYPE_CATEGORY_OF.COMERCIALIZADOR]).toBe(500);
  });

  it("computes numeral 4.14's example: 1 order, 2 days, estación de servicio → 146.88 × 1.0", () => {
    expect(CUADRO_03_CENTS[orderRangeIndex(1)][meanDayRangeIndex(2, 1)]).toBe(14688);
    expect(closureCostCents(14688, 100)).toBe(14688);
    // And by hand for other rows: 5 orders averaging 4 days at a Planta Envasadora: 293.76 × 2.5 = 734.40.
    expect(closureCostCents(CUADRO_03_CENTS[orderRangeIndex(5)][meanDayRangeIndex(20, 5)], 250)).toBe(73440);
    // 0.3 × 146.88 = 44.064 → 44.06
    expect(closureCostCents(14688, 30)).toBe(4406);
  });
});

describe("parameters", () => {
  it("default to the seed's figures and the current month", () => {
    const defaults = params();
    expect(defaults.from).toBe("2026-11-01");
    expect(defaults.to).toBe("2026-11-26");
    expect(defaults.solicitadoHours).toBe(24);
    expect(defaults.unclosedDays).toBe(3);
    expect(defaults.solicitadoCostCents).toBe(18400);
    expect(defaults.costCents[5][3]).toBe(602735);
  });

  it("read edited values and round-trip through the URL", () => {
    const edited = params({ from: "2026-10-01", to: "2026-10-31", hours: "6", days: "5", c11: "200", c64: "7000.5", fMenores: "1", solicitadoCost: "100" });
    expect(edited.costCents[0][0]).toBe(20000);
    expect(edited.costCents[5][3]).toBe(700050);
    expect(edited.factorHundredths.MENORES).toBe(100);
    expect(edited.solicitadoHours).toBe(6);
    expect(edited.unclosedDays).toBe(5);
    const search = complianceSearchParams(edited);
    expect(search.get("c12")).toBeNull(); // unchanged cells stay out of the address
    expect(params(Object.fromEntries(search))).toEqual(edited);
  });

  it("refuse bad input with Spanish messages", () => {
    const messages = (input: Record<string, string>) => {
      const result = complianceParamsSchema("2026-11-26").safeParse(input);
      expect(result.success).toBe(false);
      return result.error!.issues.map((issue) => issue.message).join(" ");
    };
    expect(messages({ from: "2026-10-31", to: "2026-10-01" })).toContain("La fecha desde debe ser anterior o igual a la fecha hasta.");
    expect(messages({ from: "2024-01-01", to: "2026-10-01" })).toContain("El periodo no puede exceder 366 días.");
    expect(messages({ from: "2026-02-30" })).toContain("La fecha desde no es válida.");
    expect(messages({ hours: "0" })).toContain("al menos 1 hora");
    expect(messages({ hours: "2.5" })).toContain("número entero");
    expect(messages({ days: "0" })).toContain("El plazo sin cierre ni rechazo debe ser de al menos 1 día.");
    expect(messages({ days: "61" })).toContain("no puede exceder 60 días");
    expect(messages({ c11: "abc" })).toContain("Cuadro 03, Hasta 3 O.P., Hasta 2 días: ingrese un monto en US$");
    expect(messages({ c11: "1.234" })).toContain("hasta dos decimales");
    expect(messages({ fMenores: "0" })).toContain("Factor Otras unidades menores: ingrese un número mayor que 0");
  });
});

describe.each(ENGINES)("compliance report on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  let envasadoraBuyer: Actor;
  let gasocentro: Actor;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
    envasadoraBuyer = world.actors.envasadoraBuyer;
    gasocentro = world.actors.otherBuyer;
  });
  afterAll(() => test.drop());

  /**
   * Flow a through the services: registered a minute before `soldAt`, sold then (POR CERRAR), and,
   * if `closedAt` is given, closed then declaring the truck unloaded at `unloadedAt` (by default
   * at the sale: a local delivery).
   */
  async function order(buyer: Actor, soldAt: Date, closedAt?: Date, volume = "100", unloadedAt = soldAt) {
    ctx.clock.set(new Date(soldAt.getTime() - 60_000).toISOString());
    const { code } = await registerOrder(ctx, buyer, {
      sellerType: "PLANTA_ENVASADORA",
      sellerId: world.agents.envasadora.id,
      volume,
      deliveryDate: "2026-03-11",
    });
    ctx.clock.set(soldAt.toISOString());
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume }] });
    if (closedAt) {
      ctx.clock.set(closedAt.toISOString());
      await closeOrder(ctx, buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: volume, unloadedAt }] });
    }
    return code;
  }

  const report = (input: Record<string, string>, now: Date) => complianceReport(test.db, params(input), now);
  const list = (input: Record<string, string>, now: Date, kind: LateKind, agentId?: number) =>
    test.db.transaction((tx) => lateOrdersPage(tx, params(input), now, kind, 1, 50, agentId));
  const rowOf = (result: Awaited<ReturnType<typeof report>>, agentId: number) => result.buyers.find((row) => row.agent.id === agentId);

  it("reproduces seed 003: unloaded 9 July 2017, closed 11 July, estación de servicio → 146.88 US$", async () => {
    const code = await order(gasocentro, lima("2017-07-09", "10:00"), lima("2017-07-11", "09:00"));
    const result = await report({ from: "2017-07-01", to: "2017-07-31" }, lima("2017-08-01", "12:00"));
    expect(result.buyers).toHaveLength(1);
    const row = result.buyers[0];
    expect(row).toMatchObject({ lateClosed: 1, lateRejected: 0, unclosed: 0, orders: 1, totalDaysLate: 2, orderRange: 0, dayRange: 0, factorHundredths: 100, partialCents: 14688, costCents: 14688 });
    expect(row.agent).toMatchObject({ id: world.agents.otherBuyer.id, type: "GASOCENTRO", ruc: world.agents.otherBuyer.ruc });
    expect(row.daysDistribution).toEqual([1, 0, 0, 0]);
    const late = await list({ from: "2017-07-01", to: "2017-07-31" }, lima("2017-08-01", "12:00"), "cerradas");
    expect(late.total).toBe(1);
    expect(late.orders[0]).toMatchObject({ code, daysLate: 2, dueDay: "2017-07-09", latenessBasis: "DESCARGA", kind: "cerradas" });
  });

  it("a truck sold one evening and unloaded the next morning, closed that morning, is on time: not in Cumplimiento", async () => {
    // The old rule counted from the sale's day and made this closure one day late.
    const code = await order(world.actors.buyer, lima("2026-09-10", "19:00"), lima("2026-09-11", "09:00"), "100", lima("2026-09-11", "08:30"));
    const result = await report({ from: "2026-09-01", to: "2026-09-30" }, lima("2026-10-01", "12:00"));
    expect(result.buyers).toEqual([]);
    expect((await list({ from: "2026-09-01", to: "2026-09-30" }, lima("2026-10-01", "12:00"), "cerradas")).orders.map((o) => o.code)).not.toContain(code);
    const stored = await test.db.prisma.order.findUniqueOrThrow({ where: { code } });
    expect(stored).toMatchObject({ porCerrarDay: "2026-09-10", dueDay: "2026-09-11", daysLate: 0 });
  });

  it("counts Lima calendar days from the descarga: unloaded at 23:59, closed at 00:01 the next day, is 1 day late", async () => {
    const late = await order(world.actors.buyer, lima("2026-01-10", "23:59"), lima("2026-01-11", "00:01"));
    // Same UTC day (both 2026-01-11 UTC), different Lima days: late.
    const lateSameUtcDay = await order(world.actors.buyer, lima("2026-01-12", "23:30"), lima("2026-01-13", "01:00"));
    // Different UTC days (23:00 UTC and 03:00 UTC), same Lima day (18:00 and 22:00): on time.
    const onTime = await order(world.actors.buyer, lima("2026-01-14", "18:00"), lima("2026-01-14", "22:00"));
    // 00:01 to 23:59 of one Lima day: on time.
    const wholeDay = await order(world.actors.buyer, lima("2026-01-15", "00:01"), lima("2026-01-15", "23:59"));

    const now = lima("2026-02-01", "12:00");
    const found = await list({ from: "2026-01-01", to: "2026-01-31" }, now, "cerradas");
    expect(found.orders.map((o) => [o.code, o.daysLate])).toEqual([
      [late, 1],
      [lateSameUtcDay, 1],
    ]);
    expect(found.orders.map((o) => o.code)).not.toContain(onTime);
    expect(found.orders.map((o) => o.code)).not.toContain(wholeDay);
    const row = rowOf(await report({ from: "2026-01-01", to: "2026-01-31" }, now), world.agents.buyer.id)!;
    // 2 orders, 2 days in total, Consumidor Directo: 146.88 × 0.3 = 44.06.
    expect(row).toMatchObject({ orders: 2, totalDaysLate: 2, partialCents: 14688, factorHundredths: 30, costCents: 4406 });
  });

  it("places a closure in the period by the Lima day of its descarga, not the sale's nor the UTC day", async () => {
    // Unloaded 23:59 Lima on 28 Feb (1 March in UTC): February's.
    const lastEvening = await order(world.actors.buyer, lima("2026-02-28", "20:00"), lima("2026-03-02", "10:00"), "100", lima("2026-02-28", "23:59"));
    // Sold on 28 Feb, unloaded 00:01 Lima on 1 March: March's.
    const nextMorning = await order(world.actors.buyer, lima("2026-02-28", "21:00"), lima("2026-03-02", "10:00"), "100", lima("2026-03-01", "00:01"));
    const now = lima("2026-03-20", "12:00");
    const february = await list({ from: "2026-02-01", to: "2026-02-28" }, now, "cerradas");
    expect(february.orders.map((o) => [o.code, o.daysLate])).toEqual([[lastEvening, 2]]);
    const march = await list({ from: "2026-03-01", to: "2026-03-01" }, now, "cerradas");
    expect(march.orders.map((o) => [o.code, o.daysLate])).toEqual([[nextMorning, 1]]);
  });

  it("an order POR CERRAR more than N days after its sale is a finding of its own (sin cierre ni rechazo), not graded", async () => {
    const soldAt = lima("2026-04-10", "10:00");
    const code = await order(world.actors.buyer, soldAt);
    const input = { from: "2026-04-01", to: "2026-04-30" };
    const days = (n: number, minutes = 0) => new Date(soldAt.getTime() + n * 86_400_000 + minutes * 60_000);
    // The next days it is not late: nobody knows the truck has arrived.
    expect(rowOf(await report(input, days(1)), world.agents.buyer.id)).toBeUndefined();
    expect(rowOf(await report(input, days(3)), world.agents.buyer.id)).toBeUndefined();

    const after = await report(input, days(3, 1));
    expect(rowOf(after, world.agents.buyer.id)).toMatchObject({ lateClosed: 0, lateRejected: 0, unclosed: 1, orders: 0, orderRange: null, dayRange: null, partialCents: 0, costCents: 0 });
    expect(after.summary).toMatchObject({ unclosed: 1, closureCostCents: 0 });
    const open = await list(input, days(7, 5), "sin-cierre");
    expect(open.orders.map((o) => [o.code, o.daysWaiting])).toEqual([[code, 7]]);
    // A shorter threshold finds it sooner.
    expect(rowOf(await report({ ...input, days: "1" }, days(1, 1)), world.agents.buyer.id)).toMatchObject({ unclosed: 1 });
    // Closed a week later declaring the truck unloaded that day: on time, and no longer a finding.
    ctx.clock.set(days(7, 10).toISOString());
    await closeOrder(ctx, world.actors.buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "100" }] });
    expect(rowOf(await report(input, days(8)), world.agents.buyer.id)).toBeUndefined();
  });

  it("lists late rejections beside late closures, under the buyer, without grading them", async () => {
    const buyerAgent = await createAgent(test.db, { type: "GASOCENTRO", name: "Grifo Rechazos S.A.C.", capacityGallons: 10_000 });
    const buyer = await createActor(test.db, buyerAgent.id, "COMPRADOR");
    const late = await order(buyer, lima("2026-10-05", "09:00"));
    ctx.clock.set(lima("2026-10-07", "08:00").toISOString());
    await rejectOrder(ctx, buyer, { code: late, reason: "La cisterna se averió en ruta", nonDeliveryKnownAt: lima("2026-10-05", "17:00") });
    const onTime = await order(buyer, lima("2026-10-06", "09:00"));
    ctx.clock.set(lima("2026-10-06", "23:00").toISOString());
    await rejectOrder(ctx, buyer, { code: onTime, reason: "La cisterna se averió en ruta", nonDeliveryKnownAt: lima("2026-10-06", "10:00") });

    const input = { from: "2026-10-01", to: "2026-10-31" };
    const result = await report(input, lima("2026-11-01", "12:00"));
    expect(rowOf(result, buyerAgent.id)).toMatchObject({ lateClosed: 0, lateRejected: 1, rejectionDaysLate: 2, orders: 0, costCents: 0 });
    expect(result.summary.lateRejected).toBe(1);
    const rejections = await list(input, lima("2026-11-01", "12:00"), "rechazos", buyerAgent.id);
    expect(rejections.orders.map((o) => [o.code, o.dueDay, o.daysLate, o.latenessBasis])).toEqual([[late, "2026-10-05", 2, "AVISO"]]);
    expect(orderCells(rejections.orders[0])).toEqual(
      expect.arrayContaining(["Rechazadas fuera de plazo", late, "RECHAZADO", "05/10/2026", "Fecha en que supo que el producto no llegaría", 2]),
    );
  });

  it("grades an agent by its number of late closures and mean days, each range boundary through the report", async () => {
    // Fresh Consumidor Directo buyers (factor 0.3), one per case, so the counts are theirs alone.
    const buyerWith = async (name: string) => {
      const agent = await createAgent(test.db, { type: "CONSUMIDOR_DIRECTO", name, capacityGallons: 100_000 });
      return { agent, actor: await createActor(test.db, agent.id, "COMPRADOR") };
    };
    const three = await buyerWith("Tres Órdenes S.A.C.");
    const four = await buyerWith("Cuatro Órdenes S.A.C.");
    for (let i = 0; i < 3; i++) await order(three.actor, lima("2026-05-04", "10:00"), lima("2026-05-06", "10:00")); // 2 days each
    for (let i = 0; i < 4; i++) await order(four.actor, lima("2026-05-04", "10:00"), lima("2026-05-07", "10:00")); // 3 days each
    const eleven = await buyerWith("Once Días S.A.C.");
    await order(eleven.actor, lima("2026-05-04", "10:00"), lima("2026-05-14", "10:00")); // 10 days
    await order(eleven.actor, lima("2026-05-04", "10:00"), lima("2026-05-16", "10:00")); // 12 days
    const result = await report({ from: "2026-05-01", to: "2026-05-31" }, lima("2026-06-01", "12:00"));
    // Mean 11 days → "11 días o más": 197.96 × 0.3 = 59.388 → 59.39.
    expect(rowOf(result, eleven.agent.id)).toMatchObject({ orders: 2, totalDaysLate: 22, dayRange: 3, daysDistribution: [0, 0, 1, 1], partialCents: 19796, costCents: 5939 });
    expect(rowOf(result, eleven.agent.id)!.agent).toEqual({ id: eleven.agent.id, businessName: "Once Días S.A.C.", ruc: eleven.agent.ruc, registryNumber: eleven.agent.registryNumber, type: "CONSUMIDOR_DIRECTO", department: "Lima" });
    expect(rowOf(result, three.agent.id)).toMatchObject({ orders: 3, orderRange: 0, totalDaysLate: 6, dayRange: 0, partialCents: 14688, costCents: 4406 });
    // 4 orders → "Mayor a 3 hasta 6 O.P."; mean 3 days → "3 a 5 días": 293.76 × 0.3 = 88.128 → 88.13.
    expect(rowOf(result, four.agent.id)).toMatchObject({ orders: 4, orderRange: 1, totalDaysLate: 12, dayRange: 1, daysDistribution: [0, 4, 0, 0], partialCents: 29376, costCents: 8813 });
    // The factor and the table are the regulator's to edit.
    const edited = await report({ from: "2026-05-01", to: "2026-05-31", fMenores: "2", c22: "300" }, lima("2026-06-01", "12:00"));
    expect(rowOf(edited, four.agent.id)).toMatchObject({ partialCents: 30000, factorHundredths: 200, costCents: 60000 });
    expect(rowOf(edited, three.agent.id)).toMatchObject({ costCents: 29376 });
    // Most expensive first.
    expect(edited.buyers.findIndex((row) => row.agent.id === four.agent.id)).toBeLessThan(edited.buyers.findIndex((row) => row.agent.id === three.agent.id));
  });

  it("lists orders SOLICITADO longer than the threshold under their seller, as a separate indicator", async () => {
    ctx.clock.set(lima("2026-07-10", "08:00").toISOString());
    const { code } = await registerOrder(ctx, envasadoraBuyer, {
      sellerType: "COMERCIALIZADOR",
      sellerId: world.agents.comercializador.id,
      plantId: world.agents.planta.id,
      volume: "500",
      deliveryDate: "2026-07-11",
    });
    const input = { from: "2026-07-01", to: "2026-07-31" };
    const exactly = await report(input, lima("2026-07-11", "08:00"));
    expect(exactly.sellers).toEqual([]);
    const later = await report(input, lima("2026-07-11", "08:01"));
    expect(later.sellers).toHaveLength(1);
    expect(later.sellers[0]).toMatchObject({ orders: 1, orderRange: 0, costCents: 18400 });
    expect(later.sellers[0].agent.id).toBe(world.agents.comercializador.id);
    expect(later.summary.unattended).toBe(1);
    expect(later.constatadoSellers).toEqual([]);
    // A shorter threshold catches it sooner.
    const shorter = await report({ ...input, hours: "2" }, lima("2026-07-10", "10:30"));
    expect(shorter.sellers.map((row) => row.agent.id)).toEqual([world.agents.comercializador.id]);
    const found = await list({ ...input, hours: "2" }, lima("2026-07-10", "10:30"), "solicitadas", world.agents.comercializador.id);
    expect(found.orders.map((o) => [o.code, o.hoursWaiting])).toEqual([[code, 2]]);
    // Sold: no longer unattended.
    ctx.clock.set(lima("2026-07-12", "08:00").toISOString());
    await sellOrder(ctx, world.actors.comercializador, { code, lots: [{ ...lotOn(world, "comercializador"), volume: "500" }] });
    expect((await report(input, lima("2026-07-12", "09:00"))).sellers).toEqual([]);
  });

  it("exports the same figures as CSV and Excel", async () => {
    const late = await order(gasocentro, lima("2026-08-03", "16:00"), lima("2026-08-09", "09:00")); // 6 days
    const open = await order(gasocentro, lima("2026-08-20", "12:00"));
    const now = lima("2026-08-25", "12:00"); // open: 5 days without closure nor rejection
    const result = await report({ from: "2026-08-01", to: "2026-08-31" }, now);
    const row = rowOf(result, world.agents.otherBuyer.id)!;
    // 1 late closure, 6 days → "6 a 10 días": 170.52 × 1.0; the open order is listed, not graded.
    expect(row).toMatchObject({ orders: 1, lateClosed: 1, unclosed: 1, totalDaysLate: 6, dayRange: 2, costCents: 17052 });

    const buyers = Papa.parse<string[]>((await complianceCsv(test.db, result, "compradores")).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(buyers[0]).toEqual(BUYER_COLUMNS);
    const csvRow = Object.fromEntries(BUYER_COLUMNS.map((column, i) => [column, buyers.find((r) => r[1] === world.agents.otherBuyer.ruc)![i]]));
    expect(csvRow).toMatchObject({
      "Razón social": "Grifo Tau E.I.R.L.",
      "Tipo de agente": "Gasocentro / Estación de Servicio con Gasocentro",
      "Cerradas fuera de plazo": "1",
      "De ellas, retraso contado desde la venta o despacho": "0",
      "Rechazadas fuera de plazo": "0",
      "Sin cierre ni rechazo": "1",
      "Órdenes con retraso": "1",
      "Rango de órdenes (Cuadro 03)": "Hasta 3 O.P.",
      "Días de retraso (total)": "6",
      "Promedio de días": "6.00",
      "Rango de días (promedio)": "6 a 10 días",
      "Órdenes 6 a 10 días": "1",
      "Tipo (Cuadro 04)": "Estación de Venta al Público",
      "Factor T": "1.00",
      "Costo evitado estimado (US$)": "170.52",
    });

    const orders = Papa.parse<string[]>((await complianceCsv(test.db, result, "ordenes")).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(orders[0]).toEqual(ORDER_COLUMNS);
    const byCode = new Map(orders.slice(1).map((r) => [r[1], Object.fromEntries(ORDER_COLUMNS.map((column, i) => [column, r[i]]))]));
    expect(byCode.get(late)).toMatchObject({
      Incumplimiento: "Cerradas fuera de plazo",
      Estado: "CERRADO",
      Comprador: "Grifo Tau E.I.R.L.",
      "Día en que correspondía cerrar o rechazar": "03/08/2026",
      "Retraso contado desde": "Fecha de descarga declarada",
      "Días de retraso": "6",
    });
    expect(byCode.get(open)).toMatchObject({ Incumplimiento: "POR CERRAR sin cierre ni rechazo", Estado: "POR CERRAR", "Días sin cierre ni rechazo": "5", "Días de retraso": "" });

    for (const [table, columns] of [["vendedores", SELLER_COLUMNS], ["constatados", CONSTATADO_COLUMNS]] as const) {
      expect(Papa.parse<string[]>((await complianceCsv(test.db, result, table)).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data).toEqual([columns]);
    }

    const workbook = new ExcelJS.Workbook();
    // ExcelJS types its input as the older, non-generic Buffer.
    await workbook.xlsx.load((await complianceWorkbook(test.db, result)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Parámetros", "Compradores", "Constatados", "Vendedores", "Órdenes"]);
    const sheet = workbook.getWorksheet("Compradores")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(BUYER_COLUMNS);
    const excelRow = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(excelRow[BUYER_COLUMNS.indexOf("RUC")]).toBe(world.agents.otherBuyer.ruc);
    expect(excelRow[BUYER_COLUMNS.indexOf("Costo evitado estimado (US$)")]).toBe(170.52);
    expect(excelRow[BUYER_COLUMNS.indexOf("Órdenes con retraso")]).toBe(1);
    const codes = workbook.getWorksheet("Órdenes")!.getColumn(2).values.slice(2);
    expect(codes).toEqual(expect.arrayContaining([late, open]));
    const parameters = workbook.getWorksheet("Parámetros")!;
    expect(parameters.getRow(1).values).toEqual([undefined, "Parámetro", "Valor"]);
    expect(parameters.getColumn(2).values).toEqual(expect.arrayContaining(["01/08/2026", "31/08/2026", 24, 3, 146.88]));

    ctx.clock.set(lima("2026-08-25", "13:00").toISOString());
    await closeOrder(ctx, gasocentro, { code: open, lots: [{ position: 1, rejected: false, receivedVolume: "100" }] });
  });
});
