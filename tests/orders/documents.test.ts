/**
 * Guía de remisión and factura numbers in every format in real use, stored normalised; plates in
 * Peruvian formats; density and temperature with the lot's mass. Bad ones are refused in Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainError } from "@/lib/errors";
import { parseDocumentNumber } from "@/lib/orders/documents";
import { massKilograms, parseDensity, parseTemperature } from "@/lib/orders/lot-measures";
import { sellOrderSchema } from "@/lib/orders/schemas";
import { sellOrder } from "@/lib/orders/sell-order";
import { normalizePlate, plateMessage } from "@/lib/registry/plate";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, seedSolicitadoOrder, testContext, type World } from "../support/world";

describe("document numbers", () => {
  it.each([
    // SUNAT electronic series: F (factura), E001 (SUNAT's portal)
    ["factura", "F001-00001234", "F001-00001234"],
    ["factura", "f001-1234", "F001-00001234"],
    ["factura", "FA01 - 99", "FA01-00000099"],
    ["factura", "E001-15", "E001-00000015"],
    // physical series of 4 (or 3) digits
    ["factura", "0001-0001387", "0001-0001387"],
    ["factura", "001-1387", "0001-0001387"],
    ["factura", "0002-12345678", "0002-12345678"],
    // the number alone, as seed 001 quotes it
    ["factura", "001387", "001387"],
    ["factura", "N° 001387", "001387"],
    ["factura", "1387", "001387"],
    ["factura", "12345678", "12345678"],
    // guías: T (remitente), V (transportista), EG01…EG07 (SUNAT's portal), physical, number
    ["guia", "T001-00012345", "T001-00012345"],
    ["guia", "t002-77", "T002-00000077"],
    ["guia", "V001-5", "V001-00000005"],
    ["guia", "EG01-123", "EG01-00000123"],
    ["guia", "EG07-00000001", "EG07-00000001"],
    ["guia", "0001-0000929", "0001-0000929"],
    ["guia", "000929", "000929"],
  ] as const)("%s %s → %s", (kind, typed, stored) => {
    expect(parseDocumentNumber(kind, typed)).toEqual({ ok: true, value: stored });
  });

  it.each([
    ["factura", "", /Ingrese la factura/],
    ["factura", "T001-00000001", /La serie T001 no corresponde a una factura/],
    ["guia", "F001-00000001", /La serie F001 no corresponde a una guía de remisión/],
    ["factura", "X001-123", /La serie X001 no es una serie de SUNAT válida/],
    ["guia", "EG09-1", /La serie EG09 no es una serie de SUNAT válida/],
    ["factura", "F001-000000000", /correlativo tiene de 1 a 8 dígitos y no es cero/],
    ["factura", "F001-123456789", /correlativo tiene de 1 a 8 dígitos/],
    ["factura", "0001-0", /no es cero/],
    ["factura", "000000", /el número tiene de 1 a 8 dígitos y no es cero/],
    ["factura", "123456789", /de 1 a 8 dígitos/],
    ["factura", "F01-123", /La serie F01 no es una serie de SUNAT válida/],
    ["guia", "T001/123", /debe tener serie y número, o solo el número/],
    ["guia", "ABCDE-1", /debe tener serie y número/],
  ] as const)("refuses %s «%s» in Spanish", (kind, typed, message) => {
    const result = parseDocumentNumber(kind, typed);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it("the sale schema reports a bad document on its field", () => {
    const result = sellOrderSchema.safeParse({ code: "12345678903", lots: [{ volume: "10", plate: "F1X-710", guiaRemision: "F001-1", factura: "T001-1" }] });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["lots.0.guiaRemision", "lots.0.factura"]);
  });
});

describe("plates", () => {
  it.each([
    ["F1X-710", "F1X-710"],
    ["f1x710", "F1X-710"],
    [" T8A 870 ", "T8A-870"],
    ["ABC-123", "ABC-123"],
    ["AB-1234", "AB-1234"],
    ["ab-1234", "AB-1234"],
    ["ab1-234", "AB1-234"],
  ])("%s → %s", (typed, stored) => expect(normalizePlate(typed)).toBe(stored));

  it("asks for the hyphen when a plate without it could be two", () => {
    expect(normalizePlate("AB1234")).toBeNull();
    expect(plateMessage("AB1234")).toMatch(/con su guion/);
    expect(plateMessage("ABCD")).toMatch(/formato peruano válido/);
  });

  it.each(["", "ABCD", "1AB-123", "ABC-12", "ABC-1234", "A-12345", "ABC-12A", "AB1-2345"])("refuses «%s»", (typed) => expect(normalizePlate(typed)).toBeNull());
});

describe("density, temperature and mass", () => {
  it("parses kg/L to four decimals and °C to one", () => {
    expect([parseDensity("0.542"), parseDensity(",5420"), parseDensity("0.5"), parseDensity("1.2"), parseDensity("0.54201")]).toEqual([5420, 5420, 5000, null, null]);
    expect([parseTemperature("18.5"), parseTemperature("-2"), parseTemperature("21,0"), parseTemperature("18.55"), parseTemperature("x")]).toEqual([185, -20, 210, null, null]);
  });

  it("mass = gallons × 3.785411784 L/gal × kg/L, rounded to the kilogram", () => {
    // 1,000 gal × 3.785411784 × 0.5420 = 2,051.69 kg
    expect(massKilograms(100_000, 5_420)).toBe(2_052);
    // 3,100 gal (seed 003's order) at 0.5300 kg/L = 6,219.43 kg
    expect(massKilograms(310_000, 5_300)).toBe(6_219);
    // exact to the hundredth of a gallon: 0.01 gal at 0.5 kg/L = 0.0189 kg
    expect(massKilograms(1, 5_000)).toBe(0);
    expect(massKilograms(1_000_000_000, 7_000)).toBe(26_497_882);
  });
});

describe.each(ENGINES)("a sale stores its documents normalised and its measures on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  it("as seed 001 quotes them, in SUNAT's series and physical ones, with density and temperature", async () => {
    const code = await seedSolicitadoOrder(ctx, world, "A", "300");
    const plate = world.trucks.envasadora[0].plate;
    await sellOrder(ctx, world.actors.envasadora, {
      code,
      lots: [
        { volume: "100", plate, guiaRemision: "Guía N° 000929".replace("Guía ", ""), factura: "001387", density: "0.5420", temperature: "18.5" },
        { volume: "100", plate, guiaRemision: "eg01-123", factura: "f001-1234", density: 0.51, temperature: -2 },
        { volume: "100", plate, guiaRemision: "001-929", factura: "0001-0001387", density: "", temperature: "" },
      ],
    });
    const lots = await test.db.prisma.lot.findMany({ where: { order: { code } }, orderBy: { position: "asc" } });
    expect(lots.map((lot) => [lot.guiaRemision, lot.factura, lot.density, lot.temperature])).toEqual([
      ["000929", "001387", 5420, 185],
      ["EG01-00000123", "F001-00001234", 5100, -20],
      ["0001-0000929", "0001-0001387", null, null],
    ]);
  });

  it("refuses a density or temperature out of range, on its field, changing nothing", async () => {
    const code = await seedSolicitadoOrder(ctx, world, "A", "100");
    const plate = world.trucks.envasadora[0].plate;
    const error = (await sellOrder(ctx, world.actors.envasadora, {
      code,
      lots: [{ volume: "100", plate, guiaRemision: "T001-1", factura: "F001-1", density: "0.9", temperature: "75" }],
    }).catch((e) => e)) as DomainError;
    expect(error.fieldErrors).toEqual({
      "lots.0.density": [expect.stringMatching(/entre 0\.4000 y 0\.7000 kg\/L/)],
      "lots.0.temperature": [expect.stringMatching(/entre -30\.0 y 70\.0 °C/)],
    });
    expect(await test.db.prisma.lot.count({ where: { order: { code } } })).toBe(0);
  });
});
