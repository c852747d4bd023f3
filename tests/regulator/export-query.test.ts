import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthorizationCodeGenerator } from "@/lib/authorization-code/code";
import type { OrderSummary } from "@/lib/orders/queries";
import { Prng } from "@/lib/prng";
import { ORDER_STATES } from "@/lib/orders/states";
import { AGENT_TYPES, type AgentType } from "@/lib/registry/agent-types";
import { countOrders, orderBatches } from "@/lib/regulator/export-batches";
import { orderFilterSchema, type OrderFilter } from "@/lib/regulator/order-filter";
import { orderQuery, searchOrders, type Cursor } from "@/lib/regulator/order-search";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { TEST_CODE_SECRET, buildWorld, createAgent } from "../support/world";

/** Extra parties: names with LIKE wildcards, quotes and commas, in three departments. */
const PARTIES: { type: AgentType; name: string; place: [string, string, string] }[] = [
  { type: "GASOCENTRO", name: "Gas 50% Sur S.A.C.", place: ["Cusco", "Cusco", "Wanchaq"] },
  { type: "GASOCENTRO", name: "Gas_Norte E.I.R.L.", place: ["Cusco", "Urubamba", "Urubamba"] },
  { type: "CONSUMIDOR_DIRECTO", name: 'Comercial "El Sol", S.A.', place: ["Arequipa", "Arequipa", "Cayma"] },
  { type: "RED_DE_DISTRIBUCION", name: "Pérez & Hijos S.R.L.", place: ["Lima", "Lima", "Ate"] },
  { type: "PLANTA_ENVASADORA", name: "Envasadora Andina S.A.", place: ["Lima", "Lima", "Lurín"] },
  { type: "COMERCIALIZADOR", name: "gas andino s.a.", place: ["Arequipa", "Islay", "Mollendo"] },
];

/** Plates of the lots: the filter finds a plate as sold and as dispatched in its place. */
const PLATES = ["F1X-710", "T8A-870", "AB-1234", "C4F-721"];

/** Lima days around the orders, and instants that sit on Lima's midnight and on UTC's. */
const DAYS = ["2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11", "2026-03-12"];
const INSTANTS = [
  "2026-03-09T04:59:59.999Z", // 23:59:59.999 on 8 March in Lima
  "2026-03-09T05:00:00.000Z", // Lima's midnight
  "2026-03-09T15:00:00.000Z",
  "2026-03-10T04:30:00.000Z", // 23:30 on 9 March in Lima, already 10 March in UTC
  "2026-03-10T15:00:00.000Z",
  "2026-03-11T00:00:00.000Z",
  "2026-03-11T15:00:00.123Z",
  "2026-03-12T04:59:59.999Z",
];

describe.each(ENGINES)("the export's SQL on %s", (engine) => {
  let test: TestDatabase;
  let agents: { id: number; type: string; businessName: string; ruc: string; registryNumber: string; department: string; province: string; district: string }[];
  let codes: string[];

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    const world = await buildWorld(test.db);
    for (const party of PARTIES) {
      const agent = await createAgent(test.db, { type: party.type, name: party.name });
      const [department, province, district] = party.place;
      await test.db.prisma.agent.update({ where: { id: agent.id }, data: { department, province, district } });
    }
    agents = await test.db.prisma.agent.findMany({ where: { id: { not: world.agents.regulator.id } } });
    // Orders written directly: the export reads what is stored, whatever path wrote it. Many
    // share an instant, so the id must break ties in both directions.
    // seeded, so the data is the same on every run and engine
    const prng = new Prng(20260309);
    const pick = <T>(items: readonly T[]) => prng.pick(items);
    const generator = new AuthorizationCodeGenerator(TEST_CODE_SECRET);
    const data = Array.from({ length: 160 }, (_, index) => {
      const flow = pick(["A", "B"]);
      return {
      code: generator.codeFor(index + 1),
      flow,
      buyerId: pick(agents).id,
      sellerId: pick(agents).id,
      plantId: flow === "A" ? null : pick(agents).id,
      requestedVolume: prng.int(100, 100_099),
      deliveryDate: "2026-03-12",
      state: pick(ORDER_STATES),
      requestedAt: new Date(pick(INSTANTS)),
      };
    });
    await test.db.prisma.order.createMany({ data });
    codes = data.map((order) => order.code);
    // Lots on a few plates: some orders have none, some two, some dispatched on another plate.
    const stored = await test.db.prisma.order.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const lots = stored.flatMap((order) =>
      Array.from({ length: prng.int(0, 2) }, (_, index) => ({
        orderId: order.id,
        position: index + 1,
        soldVolume: 100,
        plate: pick(PLATES),
        dispatchedPlate: prng.int(0, 3) === 0 ? pick(PLATES) : null,
        guiaRemision: "T001-00000001",
        factura: "F001-00000001",
      })),
    );
    await test.db.prisma.lot.createMany({ data: lots });
  }, 120_000);
  afterAll(() => test.drop());

  /** Every page of the Movimientos screen, following the cursors, as ids. */
  async function pagedIds(filter: OrderFilter, selectiveOrders: number | undefined): Promise<number[]> {
    const ids: number[] = [];
    let cursor: Cursor | null = null;
    for (;;) {
      const after: Cursor | null = cursor;
      const page: { orders: OrderSummary[]; next: string | null } = await searchOrders(test.db, filter, after, 7, await orderQuery(test.db, filter, selectiveOrders));
      ids.push(...page.orders.map((order) => order.id));
      if (!page.next) return ids;
      const last: OrderSummary = page.orders[page.orders.length - 1];
      cursor = { requestedAt: last.requestedAt, id: last.id };
    }
  }

  async function exportedIds(filter: OrderFilter): Promise<number[]> {
    const ids: number[] = [];
    // Small chunks: the boundaries between chunks are crossed many times.
    for await (const rows of orderBatches(test.db, filter, 5)) ids.push(...rows.map((row) => row.id));
    return ids;
  }

  /** Each filter field is left empty three times in four, so most combinations still match many orders. */
  const optional = <T>(values: fc.Arbitrary<T>, weight = 1) =>
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: values, weight });
  const filters = () =>
    fc
      .record({
        from: optional(fc.constantFrom(...DAYS)),
        to: optional(fc.constantFrom(...DAYS)),
        department: optional(fc.constantFrom("Lima", "Cusco", "Arequipa", "Tacna")),
        province: optional(fc.constantFrom("Lima", "Cusco", "Urubamba", "Islay")),
        district: optional(fc.constantFrom("Ate", "Wanchaq", "Cayma", "Lurín")),
        agent: optional(
          fc.oneof(
            fc.constantFrom(...agents.map((agent) => agent.businessName)),
            fc.constantFrom(...agents.map((agent) => agent.ruc)),
            fc.constantFrom(...agents.map((agent) => agent.registryNumber)),
            fc.constantFrom("Gas", "gas", "50%", "%", "_", "S.A.", '"El Sol"', "Pérez", "Nadie", "Fermiones"),
          ),
        ),
        agentType: optional(fc.constantFrom(...AGENT_TYPES)),
        state: optional(fc.constantFrom(...ORDER_STATES)),
        code: fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: fc.constantFrom(...codes.slice(0, 10)), weight: 1 }),
        plate: optional(fc.constantFrom(...PLATES, "f1x710", "ZZ-9999")),
        sort: fc.constantFrom("recientes", "antiguas"),
      })
      .map((input) => orderFilterSchema.safeParse(input))
      .filter((parsed) => parsed.success)
      .map((parsed) => parsed.data!);

  it("yields exactly the orders of the Movimientos pages, in the same order, for any filter", async () => {
    let large = 0;
    await fc.assert(
      fc.asyncProperty(filters(), fc.constantFrom(undefined, 1), async (filter, selectiveOrders) => {
        const expected = await pagedIds(filter, selectiveOrders);
        expect(await exportedIds(filter)).toEqual(expected);
        expect(await countOrders(test.db, filter)).toBe(expected.length);
        if (expected.length >= 10) large++;
      }),
      { numRuns: 100 },
    );
    // Many runs crossed several pages, chunks and ties: the comparison was not of empty lists.
    expect(large).toBeGreaterThanOrEqual(20);
  });

  it("the filters are not all empty: some combinations match many orders, some one, some none", async () => {
    expect(await exportedIds(orderFilterSchema.parse({}))).toHaveLength(160);
    expect(await exportedIds(orderFilterSchema.parse({ code: codes[3] }))).toHaveLength(1);
    expect(await exportedIds(orderFilterSchema.parse({ agent: "Nadie con este nombre" }))).toEqual([]);
    const byPlate = await exportedIds(orderFilterSchema.parse({ plate: "t8a870" }));
    const expected = await test.db.prisma.order.findMany({
      where: { lots: { some: { OR: [{ plate: "T8A-870" }, { dispatchedPlate: "T8A-870" }] } } },
      orderBy: [{ requestedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(byPlate.length).toBeGreaterThan(5);
    expect(byPlate).toEqual(expected.map((order) => order.id));
  });

  it("an export stopped early frees its connection: many abandoned exports, then a whole one", async () => {
    const filter = orderFilterSchema.parse({});
    for (let i = 0; i < 5; i++) {
      const batches = orderBatches(test.db, filter, 3);
      expect((await batches.next()).value).toHaveLength(3);
      await batches.return(undefined);
    }
    expect(await exportedIds(filter)).toHaveLength(160);
  });

  it("binds what the user typed: SQL in a filter is only text to look for", async () => {
    const filter = orderFilterSchema.parse({ agent: "x' OR 1=1 --", department: "Lima'); DROP TABLE orders; --" });
    expect(await exportedIds(filter)).toEqual([]);
    expect(await test.db.prisma.order.count()).toBe(160);
  });
});
