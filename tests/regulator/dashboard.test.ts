/**
 * The regulator's Tablero: each aggregate against figures worked out by hand from a small set of
 * orders placed at chosen instants, on both engines; Lima day boundaries; the period's edges.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/orders/context";
import { annulOrder } from "@/lib/orders/annul-order";
import { closeOrder } from "@/lib/orders/close-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { loadDashboard, TOP_AGENTS } from "@/lib/regulator/dashboard";
import { dashboardPeriodSchema, daysOf } from "@/lib/regulator/dashboard-period";
import { fieldErrorsOf } from "@/lib/validation";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, buildWorld, createActor, createAgent, flowAOrder, flowBOrder, testContext, type World } from "../support/world";

describe("the Tablero's period", () => {
  const parse = (input: Record<string, string | undefined>) => dashboardPeriodSchema("2026-03-12").safeParse(input);
  const errorsOf = (input: Record<string, string | undefined>) => {
    const result = parse(input);
    expect(result.success).toBe(false);
    return result.success ? {} : fieldErrorsOf(result.error);
  };

  it("is the last 30 Lima days up to today when no dates are given", () => {
    expect(parse({}).data).toEqual({ from: "2026-02-11", to: "2026-03-12" });
    expect(parse({ from: "", to: " " }).data).toEqual({ from: "2026-02-11", to: "2026-03-12" });
    expect(daysOf(parse({}).data!)).toHaveLength(30);
  });

  it("ends 30 days after a lone 'hasta', and runs to today from a lone 'desde'", () => {
    expect(parse({ to: "2026-01-31" }).data).toEqual({ from: "2026-01-02", to: "2026-01-31" });
    expect(parse({ from: "2026-03-01" }).data).toEqual({ from: "2026-03-01", to: "2026-03-12" });
  });

  it("accepts one day and up to 92 days; refuses 93", () => {
    expect(parse({ from: "2026-03-12", to: "2026-03-12" }).data).toEqual({ from: "2026-03-12", to: "2026-03-12" });
    expect(daysOf({ from: "2025-12-11", to: "2026-03-12" })).toHaveLength(92);
    expect(parse({ from: "2025-12-11", to: "2026-03-12" }).success).toBe(true);
    expect(errorsOf({ from: "2025-12-10", to: "2026-03-12" }).from).toEqual(["El periodo no puede exceder 92 días."]);
  });

  it("refuses a 'desde' after 'hasta', a day after today and dates that do not exist, in Spanish", () => {
    expect(errorsOf({ from: "2026-03-05", to: "2026-03-04" }).to).toEqual(["La fecha desde debe ser anterior o igual a la fecha hasta."]);
    expect(errorsOf({ to: "2026-03-13" }).to).toEqual(["La fecha hasta no puede ser posterior a hoy."]);
    expect(errorsOf({ from: "2026-02-30" }).from).toEqual(["La fecha desde no es válida (AAAA-MM-DD)."]);
    expect(errorsOf({ to: "12/03/2026" }).to).toEqual(["La fecha hasta no es válida (AAAA-MM-DD)."]);
  });

  it("lists every day of a period across a month's end", () => {
    expect(daysOf({ from: "2026-02-27", to: "2026-03-02" })).toEqual(["2026-02-27", "2026-02-28", "2026-03-01", "2026-03-02"]);
  });
});

describe.each(ENGINES)("the Tablero's aggregates on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;
  const codes: Record<string, string> = {};

  const at = (iso: string) => ctx.clock.set(iso);
  const gallons = (value: number) => value * 100;

  /** An order of `actor` registered at `iso`, flow a to the Planta Envasadora unless flow b. */
  async function order(name: string, iso: string, actor: Actor, volume: number, flow: "A" | "B" = "A") {
    at(iso);
    const input = flow === "A" ? flowAOrder(world, String(volume)) : flowBOrder(world, String(volume));
    codes[name] = (await registerOrder(ctx, actor, input)).code;
    return codes[name];
  }
  async function sell(name: string, iso: string, volume: number, seller = world.actors.envasadora) {
    at(iso);
    await sellOrder(ctx, seller, { code: codes[name], lots: [{ ...lotOn(world, seller === world.actors.comercializador ? "comercializador" : seller === world.actors.distribuidor ? "distribuidor" : "envasadora"), volume: String(volume) }] });
  }
  /** Closed at `iso`, the truck having unloaded at `unloadedIso` (by default the closure itself). */
  async function close(name: string, iso: string, actor: Actor, volume: number, unloadedIso = iso) {
    at(iso);
    return closeOrder(ctx, actor, { code: codes[name], lots: [{ position: 1, rejected: false, receivedVolume: String(volume), unloadedAt: new Date(unloadedIso) }] });
  }

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
    // The Gasocentro is in Tumbes; the Consumidor Directo and the Planta Envasadora (buying in
    // flow b) are in Lima.
    await test.db.prisma.agent.update({ where: { id: world.agents.otherBuyer.id }, data: { department: "Tumbes", province: "Tumbes", district: "Tumbes" } });
    const { buyer, otherBuyer, envasadoraBuyer } = world.actors;

    // Lima is UTC−5: 15:00Z is 10:00 in Lima. The period under test is 10–12 March 2026.
    await order("o1", "2026-03-10T15:00:00Z", buyer, 1000);
    await sell("o1", "2026-03-10T16:00:00Z", 1000);
    await close("o1", "2026-03-10T17:00:00Z", buyer, 1000);
    // 23:30 on 10 March in Lima, already 11 March in UTC.
    await order("o2", "2026-03-11T04:30:00Z", buyer, 250);
    await order("o3", "2026-03-11T14:00:00Z", otherBuyer, 400);
    await sell("o3", "2026-03-11T15:00:00Z", 400);
    await order("o4", "2026-03-11T16:00:00Z", otherBuyer, 300);
    at("2026-03-11T16:05:00Z");
    await annulOrder(ctx, otherBuyer, { code: codes.o4 });
    await order("o11", "2026-03-11T15:00:00Z", buyer, 150);
    await sell("o11", "2026-03-11T15:30:00Z", 150);
    await close("o11", "2026-03-11T20:00:00Z", buyer, 150);
    await order("o5", "2026-03-12T10:00:00Z", envasadoraBuyer, 2000, "B");
    await sell("o5", "2026-03-12T11:00:00Z", 2000, world.actors.comercializador);
    await order("o8", "2026-03-12T15:00:00Z", otherBuyer, 100);
    await sell("o8", "2026-03-12T16:00:00Z", 100);
    await close("o8", "2026-03-12T18:00:00Z", otherBuyer, 100);
    // Sold at 23:30 on 12 March in Lima and unloaded at 23:50: due the 12th; closed two days late.
    await order("o10", "2026-03-12T20:00:00Z", buyer, 300);
    await sell("o10", "2026-03-13T04:30:00Z", 300);
    // o3 was unloaded on the 11th and closed on the 13th: two days late.
    expect(await close("o3", "2026-03-13T15:00:00Z", otherBuyer, 400, "2026-03-11T15:30:00Z")).toEqual({ state: "CERRADO", dueDay: "2026-03-11", daysLate: 2 });
    expect(await close("o10", "2026-03-14T15:00:00Z", buyer, 300, "2026-03-13T04:50:00Z")).toEqual({ state: "CERRADO", dueDay: "2026-03-12", daysLate: 2 });

    // Outside the period: midnight starting 13 March in Lima, and the last instant of 9 March.
    await order("o6", "2026-03-13T05:00:00Z", buyer, 777);
    await order("o7", "2026-03-10T04:59:59.999Z", buyer, 555);
    // Unloaded on the 9th (before the period), closed one day late on the 10th.
    await order("o9", "2026-03-09T15:00:00Z", buyer, 200);
    await sell("o9", "2026-03-09T16:00:00Z", 200);
    expect(await close("o9", "2026-03-10T15:00:00Z", buyer, 200, "2026-03-09T17:00:00Z")).toEqual({ state: "CERRADO", dueDay: "2026-03-09", daysLate: 1 });
  });
  afterAll(() => test.drop());

  const period = { from: "2026-03-10", to: "2026-03-12" };

  it("sums the requested volume per Lima day and buyer type, leaving out annulled orders", async () => {
    const dashboard = await loadDashboard(test.db, period);
    expect(dashboard.period).toEqual(period);
    expect(dashboard.buyerTypes).toEqual(["CONSUMIDOR_DIRECTO", "GASOCENTRO", "PLANTA_ENVASADORA"]);
    expect(dashboard.dailyVolume).toEqual([
      // o1 1000 + o2 250 (23:30 Lima on the 10th, though the 11th in UTC)
      { day: "2026-03-10", byType: { CONSUMIDOR_DIRECTO: gallons(1250) }, total: gallons(1250), orders: 2 },
      // o11 150; o3 400 (the annulled o4 does not count)
      { day: "2026-03-11", byType: { CONSUMIDOR_DIRECTO: gallons(150), GASOCENTRO: gallons(400) }, total: gallons(550), orders: 2 },
      // o10 300, o8 100, o5 2000
      {
        day: "2026-03-12",
        byType: { CONSUMIDOR_DIRECTO: gallons(300), GASOCENTRO: gallons(100), PLANTA_ENVASADORA: gallons(2000) },
        total: gallons(2400),
        orders: 3,
      },
    ]);
  });

  it("counts the period's orders by their current state, every state listed", async () => {
    const dashboard = await loadDashboard(test.db, period);
    expect(dashboard.ordersByState).toEqual([
      { state: "SOLICITADO", orders: 1 }, // o2
      { state: "VENDIDO", orders: 1 }, // o5 (flow b, not yet dispatched)
      { state: "POR_CERRAR", orders: 0 },
      { state: "CERRADO", orders: 5 }, // o1, o3, o8, o10, o11
      { state: "ANULADO", orders: 1 }, // o4
      { state: "RECHAZADO", orders: 0 },
    ]);
  });

  it("rates late closures by the buyer's department over the closures due in the period", async () => {
    const dashboard = await loadDashboard(test.db, period);
    expect(dashboard.lateClosures).toEqual([
      // o3 (2 days late) and o8 (on time)
      { department: "Tumbes", closed: 2, late: 1, rate: 0.5 },
      // o1 and o11 on time, o10 two days late (unloaded at 23:50 on the 12th); o9 was due the 9th
      { department: "Lima", closed: 3, late: 1, rate: 1 / 3 },
    ]);
  });

  it("ranks buyers and sellers by the volume of their non-annulled orders", async () => {
    const dashboard = await loadDashboard(test.db, period);
    const { agents } = world;
    expect(dashboard.topBuyers).toEqual([
      { id: agents.envasadora.id, businessName: agents.envasadora.businessName, ruc: agents.envasadora.ruc, type: "PLANTA_ENVASADORA", volume: gallons(2000), orders: 1 },
      { id: agents.buyer.id, businessName: agents.buyer.businessName, ruc: agents.buyer.ruc, type: "CONSUMIDOR_DIRECTO", volume: gallons(1700), orders: 4 },
      { id: agents.otherBuyer.id, businessName: agents.otherBuyer.businessName, ruc: agents.otherBuyer.ruc, type: "GASOCENTRO", volume: gallons(500), orders: 2 },
    ]);
    expect(dashboard.topSellers.map(({ id, volume, orders }) => ({ id, volume, orders }))).toEqual([
      // flow a: o1, o2, o3, o8, o10, o11 (o4 annulled)
      { id: agents.envasadora.id, volume: gallons(2200), orders: 6 },
      { id: agents.comercializador.id, volume: gallons(2000), orders: 1 },
    ]);
  });

  it("includes both edge days of the period and nothing beyond them", async () => {
    const firstDay = await loadDashboard(test.db, { from: "2026-03-10", to: "2026-03-10" });
    expect(firstDay.dailyVolume).toEqual([{ day: "2026-03-10", byType: { CONSUMIDOR_DIRECTO: gallons(1250) }, total: gallons(1250), orders: 2 }]);
    expect(firstDay.lateClosures).toEqual([{ department: "Lima", closed: 1, late: 0, rate: 0 }]);

    // o6 at 00:00 on 13 March in Lima starts the 13th; o7 at 23:59:59.999 on the 9th ends the 9th.
    const after = await loadDashboard(test.db, { from: "2026-03-13", to: "2026-03-13" });
    expect(after.dailyVolume).toEqual([{ day: "2026-03-13", byType: { CONSUMIDOR_DIRECTO: gallons(777) }, total: gallons(777), orders: 1 }]);
    const before = await loadDashboard(test.db, { from: "2026-03-09", to: "2026-03-09" });
    expect(before.dailyVolume).toEqual([{ day: "2026-03-09", byType: { CONSUMIDOR_DIRECTO: gallons(755) }, total: gallons(755), orders: 2 }]);
    expect(before.lateClosures).toEqual([{ department: "Lima", closed: 1, late: 1, rate: 1 }]);
  });

  it("shows every day of an empty period as zero", async () => {
    const empty = await loadDashboard(test.db, { from: "2026-02-01", to: "2026-02-03" });
    expect(empty.dailyVolume.map((day) => [day.day, day.total, day.orders])).toEqual([
      ["2026-02-01", 0, 0],
      ["2026-02-02", 0, 0],
      ["2026-02-03", 0, 0],
    ]);
    expect(empty.buyerTypes).toEqual([]);
    expect(empty.ordersByState.every((entry) => entry.orders === 0)).toBe(true);
    expect(empty.lateClosures).toEqual([]);
    expect(empty.topBuyers).toEqual([]);
    expect(empty.topSellers).toEqual([]);
  });

  it(`keeps the ${TOP_AGENTS} largest buyers, ties in registry order`, async () => {
    const buyers = [];
    for (let index = 0; index < 12; index++) {
      const agent = await createAgent(test.db, { type: "RED_DE_DISTRIBUCION", name: `Red de Gas ${index}`, capacityGallons: 10_000 });
      buyers.push({ agent, actor: await createActor(test.db, agent.id, "COMPRADOR") });
    }
    // The tenth place is a tie of two buyers at 100 gallons.
    const volumes = [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100, 100, 50];
    for (const [index, { actor }] of buyers.entries()) await order(`r${index}`, `2026-04-0${1 + (index % 3)}T15:00:00Z`, actor, volumes[index]);

    const dashboard = await loadDashboard(test.db, { from: "2026-04-01", to: "2026-04-03" });
    expect(dashboard.topBuyers).toHaveLength(TOP_AGENTS);
    const expected = buyers
      .map(({ agent }, index) => ({ id: agent.id, volume: gallons(volumes[index]) }))
      .sort((a, b) => b.volume - a.volume || a.id - b.id)
      .slice(0, TOP_AGENTS);
    expect(dashboard.topBuyers.map(({ id, volume }) => ({ id, volume }))).toEqual(expected);
    // Only the first registered of the tied pair makes the list.
    expect(expected.at(-1)).toEqual({ id: buyers[9].agent.id, volume: gallons(100) });
    expect(dashboard.topSellers).toEqual([
      expect.objectContaining({ id: world.agents.envasadora.id, orders: 12, volume: gallons(volumes.reduce((sum, v) => sum + v, 0)) }),
    ]);
  });
});
