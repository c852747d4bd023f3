/**
 * Defect 4 (issue 14): agent names starting with =, +, -, @, a tab or a CR reached the
 * Movimientos and Cumplimiento CSVs as live spreadsheet formulas. Every CSV the portal writes now
 * neutralises them as OWASP recommends: a leading ' and quotes, so the cell is text.
 */
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { complianceCsv } from "@/lib/regulator/compliance/export";
import { complianceParamsSchema } from "@/lib/regulator/compliance/parameters";
import { complianceReport } from "@/lib/regulator/compliance/report";
import { FORMULA_START, csvChunks, csvField } from "@/lib/regulator/csv-export";
import { orderFilterSchema } from "@/lib/regulator/order-filter";
import { closeOrder } from "@/lib/orders/close-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { lotOn, buildWorld, testContext } from "../support/world";

const HOSTILE = ['=HYPERLINK("http://evil.example","Ver")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"];

describe("a field that would start a formula", () => {
  it.each(HOSTILE)("is written as quoted text with a leading ' (%j)", (text) => {
    const field = csvField(text);
    expect(field.startsWith(`"'`)).toBe(true);
    expect(Papa.parse<string[]>(field).data[0][0]).toBe(`'${text}`);
    expect(field).toBe(Papa.unparse([[text]], { escapeFormulae: FORMULA_START }));
  });

  it("leaves ordinary text alone", () => {
    expect(csvField("Bosón de Higgs S.A.C.")).toBe("Bosón de Higgs S.A.C.");
    expect(csvField("3-D Gas S.A.")).toBe("3-D Gas S.A.");
  });
});

describe.each(ENGINES)("the exports on %s", (engine) => {
  let test: TestDatabase;
  let world: Awaited<ReturnType<typeof buildWorld>>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    await test.db.prisma.agent.update({ where: { id: world.agents.otherBuyer.id }, data: { businessName: HOSTILE[0] } });
    await test.db.prisma.agent.update({ where: { id: world.agents.envasadora.id }, data: { businessName: HOSTILE[3] } });
    const ctx = testContext(test.db); // 2026-03-10, 10:00 in Lima
    const { code } = await registerOrder(ctx, world.actors.otherBuyer, {
      sellerType: "PLANTA_ENVASADORA",
      sellerId: world.agents.envasadora.id,
      volume: "100",
      deliveryDate: "2026-03-11",
    });
    await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora"), volume: "100" }] });
    ctx.clock.set("2026-03-14T15:00:00Z"); // unloaded on the 10th, closed four Lima days late
    await closeOrder(ctx, world.actors.otherBuyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "100", unloadedAt: "2026-03-10T20:00:00Z" }] });
  });
  afterAll(() => test.drop());

  /** No record's field, as a spreadsheet reads it, starts a formula. */
  function expectNoFormula(csv: string, hostileName: string) {
    const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    const cells = rows.flat();
    expect(cells).toContain(`'${hostileName}`);
    expect(cells.filter((cell) => FORMULA_START.test(cell))).toEqual([]);
  }

  it("Movimientos' CSV", async () => {
    let csv = "";
    for await (const chunk of csvChunks(test.db, orderFilterSchema.parse({}))) csv += Buffer.from(chunk).toString("utf8");
    expectNoFormula(csv, HOSTILE[0]);
    expectNoFormula(csv, HOSTILE[3]);
  });

  it("Cumplimiento's CSVs", async () => {
    const params = complianceParamsSchema("2026-03-20").parse({ from: "2026-03-01", to: "2026-03-31" });
    const report = await complianceReport(test.db, params, new Date("2026-03-20T15:00:00Z"));
    expectNoFormula(await complianceCsv(test.db, report, "compradores"), HOSTILE[0]);
    expectNoFormula(await complianceCsv(test.db, report, "ordenes"), HOSTILE[0]);
  });
});
