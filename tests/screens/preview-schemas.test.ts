/**
 * The order screens' "Vista Previa" checks (lib/orders/schemas.ts), which say what the server
 * says, and the Lima reading of a datetime-local value they send (lib/time.ts).
 */
import { describe, expect, it } from "vitest";
import { closurePreviewSchema, dispatchPreviewSchema, rejectionPreviewSchema, salePreviewSchema } from "@/lib/orders/schemas";
import { limaDateTimeInputToIso, limaDateTimeInputValue } from "@/lib/time";
import { fieldErrorsOf } from "@/lib/validation";

const CODE = "60020060393";
const errorsOf = (schema: { safeParse: (input: unknown) => { success: boolean; error?: unknown } }, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? {} : fieldErrorsOf(result.error as Parameters<typeof fieldErrorsOf>[0]);
};
const lot = (volume: string) => ({ volume, plate: "C4F-721", guiaRemision: "T001-00012345", factura: "F001-00001234" });

describe("the sale's preview", () => {
  it("refuses lots that add up to more than the order asked for, in the server's words", () => {
    const preview = salePreviewSchema(100_000);
    expect(errorsOf(preview, { code: CODE, lots: [lot("600"), lot("400.01")] })).toEqual({
      lots: ["La cantidad vendida (1,000.01 gal) excede el volumen solicitado en la orden (1,000.00 gal)."],
    });
    expect(errorsOf(preview, { code: CODE, lots: [lot("600"), lot("400")] })).toEqual({});
  });
});

describe("the dispatch's preview", () => {
  const soldAt = new Date("2026-03-05T15:00:00Z");
  const now = new Date("2026-03-05T18:00:00Z");
  const preview = dispatchPreviewSchema([{ soldVolume: 50_000 }, { soldVolume: 20_000 }], soldAt, now);
  const dispatch = (lots: object[]) => ({ code: CODE, lots: lots.map((entry, index) => ({ position: index + 1, volume: "100", ...entry })) });

  it("refuses a quantity above the sold one, per lot", () => {
    expect(errorsOf(preview, dispatch([{ volume: "500" }, { volume: "200.01" }]))).toEqual({
      "lots.1.volume": ["La cantidad despachada no puede superar la vendida (200.00 gal)."],
    });
  });

  it("refuses a time before the sale or after now; a blank one is asked for", () => {
    expect(errorsOf(preview, dispatch([{ dispatchedAt: "2026-03-05T14:59:59.000Z" }, { dispatchedAt: "2026-03-05T18:00:01.000Z" }]))).toEqual({
      "lots.0.dispatchedAt": ["La hora de despacho debe estar entre la venta y este momento."],
      "lots.1.dispatchedAt": ["La hora de despacho debe estar entre la venta y este momento."],
    });
    expect(errorsOf(preview, dispatch([{ dispatchedAt: "" }, {}]))).toEqual({ "lots.0.dispatchedAt": ["Ingrese una fecha y hora de despacho válida."] });
    expect(errorsOf(preview, dispatch([{ dispatchedAt: "2026-03-05T15:00:00.000Z" }, {}]))).toEqual({});
  });
});

describe("the closure's preview", () => {
  const now = new Date("2026-03-06T15:00:00Z");
  const sold = { soldVolume: 30_000, departure: { at: new Date("2026-03-05T22:30:00Z"), kind: "venta" as const } };
  const preview = closurePreviewSchema([sold, sold], new Date("2026-03-05T12:00:00Z"), now);

  it("bounds each received quantity by the sold one and each descarga by the sale and now", () => {
    expect(
      errorsOf(preview, {
        code: CODE,
        lots: [
          { position: 1, rejected: false, receivedVolume: "300.01", unloadedAt: "2026-03-05T22:29:00Z" },
          { position: 2, rejected: false, receivedVolume: "300", unloadedAt: "2026-03-06T15:01:00Z" },
        ],
      }),
    ).toEqual({
      "lots.0.receivedVolume": ["La cantidad recibida no puede superar la cantidad vendida (300.00 gal)."],
      "lots.0.unloadedAt": ["La descarga no puede ser anterior a la venta del lote (05/03/2026 17:30:00)."],
      "lots.1.unloadedAt": ["La fecha y hora de descarga no puede ser posterior a este momento."],
    });
  });

  it("with every lot rejected, bounds when the buyer learned the product would not arrive; a cleared time is asked for", () => {
    const rejected = [
      { position: 1, rejected: true },
      { position: 2, rejected: true },
    ];
    expect(errorsOf(preview, { code: CODE, lots: rejected, nonDeliveryKnownAt: "2026-03-05T11:00:00Z" })).toEqual({
      nonDeliveryKnownAt: ["La fecha y hora en que supo que el producto no llegaría no puede ser anterior al registro de la orden (05/03/2026 07:00:00)."],
    });
    expect(errorsOf(preview, { code: CODE, lots: rejected })).toEqual({});
    expect(errorsOf(preview, { code: CODE, lots: [{ position: 1, rejected: false, receivedVolume: "1", unloadedAt: "" }, rejected[1]] })).toEqual({
      "lots.0.unloadedAt": ["Ingrese la fecha y hora de descarga."],
    });
  });
});

describe("the rejection's check", () => {
  it("refuses a notice in the future", () => {
    const now = new Date("2026-03-06T15:00:00Z");
    expect(errorsOf(rejectionPreviewSchema(new Date("2026-03-05T12:00:00Z"), now), { code: CODE, reason: "Sin stock en planta", nonDeliveryKnownAt: "2026-03-06T15:05:00Z" })).toEqual({
      nonDeliveryKnownAt: ["La fecha y hora en que supo que el producto no llegaría no puede ser posterior a este momento."],
    });
  });
});

describe("a datetime-local value read as Lima time", () => {
  it("reads minutes and seconds in Lima's zone, whatever the browser's", () => {
    expect(limaDateTimeInputToIso("2026-12-06T08:30")).toBe("2026-12-06T08:30:00.000-05:00");
    expect(limaDateTimeInputToIso("2026-12-06T08:30:15")).toBe("2026-12-06T08:30:15.000-05:00");
    expect(limaDateTimeInputValue(new Date("2026-12-06T13:30:15Z"), { seconds: true })).toBe("2026-12-06T08:30:15");
    expect(limaDateTimeInputValue(new Date("2026-12-06T13:30:15Z"))).toBe("2026-12-06T08:30");
  });

  it("refuses what is not such a value", () => {
    for (const value of ["", "2026-02-30T08:30", "2026-12-06T24:10", "2026-12-06T08:30:60", "2026-12-06 08:30", "2026-12-06T08:30-05:00"]) {
      expect(limaDateTimeInputToIso(value), value).toBeNull();
    }
  });
});
