import { describe, expect, it } from "vitest";
import { registerOrderSchema, registrationPreviewSchema } from "@/lib/orders/schemas";
import { countOf } from "@/lib/plural";
import { fieldErrorsOf } from "@/lib/validation";

const order = { sellerType: "PLANTA_ENVASADORA", sellerId: "3", deliveryDate: "2026-03-11" } as const;
const volumeErrors = (volume: string | number) => {
  const result = registerOrderSchema.safeParse({ ...order, volume });
  return result.success ? [] : fieldErrorsOf(result.error).volume;
};

describe("what a screen says about a count or a volume", () => {
  it("puts a count's words in its number", () => {
    expect(countOf(1, "orden vendida por despachar", "órdenes vendidas por despachar")).toBe("1 orden vendida por despachar");
    expect(countOf(2, "orden vendida por despachar", "órdenes vendidas por despachar")).toBe("2 órdenes vendidas por despachar");
    expect(countOf(0, "orden", "órdenes")).toBe("0 órdenes");
    expect(countOf(1500, "fila", "filas")).toBe("1,500 filas");
  });

  it("tells a negative volume from one that is not a number", () => {
    expect(volumeErrors("-50")).toEqual(["El volumen solicitado debe ser mayor que cero."]);
    expect(volumeErrors("-3,100.50")).toEqual(["El volumen solicitado debe ser mayor que cero."]);
    expect(volumeErrors(-50)).toEqual(["El volumen solicitado debe ser mayor que cero."]);
    expect(volumeErrors("0")).toEqual(["El volumen solicitado debe ser mayor que cero."]);
    expect(volumeErrors("  ")).toEqual(["Ingrese el volumen solicitado en galones."]);
    expect(volumeErrors("abc")).toEqual(["El volumen solicitado debe ser un número en galones con hasta dos decimales (por ejemplo 3100.50)."]);
    expect(volumeErrors("-abc")).toEqual(["El volumen solicitado debe ser un número en galones con hasta dos decimales (por ejemplo 3100.50)."]);
  });

  it("checks the generation screen's preview with the shared schema: plant of flow b, capacity shown", () => {
    const preview = registrationPreviewSchema(100_000);
    const errors = (input: object) => {
      const result = preview.safeParse(input);
      return result.success ? {} : fieldErrorsOf(result.error);
    };
    expect(errors({ ...order, sellerType: "COMERCIALIZADOR", volume: "500" })).toEqual({ plantId: ["Seleccione una Planta de Abastecimiento de GLP."] });
    expect(errors({ ...order, volume: "1000.01" })).toEqual({ volume: ["Supera su capacidad de compra disponible (1,000.00 galones)."] });
    expect(errors({ ...order, volume: "1000" })).toEqual({});
  });
});
