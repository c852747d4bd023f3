/** RUC check digit, registry number and the agent form / CSV row rules (no database). */
import { describe, expect, it } from "vitest";
import { validateAgentRows, missingColumns, CSV_HEADER } from "@/lib/registry/agent-import";
import { agentSchema } from "@/lib/registry/agent-schema";
import { isValidRegistryNumber } from "@/lib/registry/registry-number";
import { completeRuc, isValidRuc, rucCheckDigit, rucProblem } from "@/lib/registry/ruc";

describe("RUC", () => {
  it("accepts real RUCs with their SUNAT check digit", () => {
    // SUNAT's own RUC and well-known companies
    for (const ruc of ["20131312955", "20100070970", "20100047218"]) expect(isValidRuc(ruc), ruc).toBe(true);
  });
  it("maps remainders 10 and 11 to 0 and 1", () => {
    expect(rucCheckDigit("2013131295")).toBe(5);
    for (let body = 2010000000; body < 2010000200; body++) {
      const digit = rucCheckDigit(String(body));
      expect(digit).toBeGreaterThanOrEqual(0);
      expect(digit).toBeLessThanOrEqual(9);
    }
  });
  it("refuses a mistyped check digit, a bad prefix and a wrong length", () => {
    const good = completeRuc("2051234567");
    const bad = good.slice(0, 10) + String((Number(good[10]) + 1) % 10);
    expect(rucProblem(bad)).toBe("DIGITO_VERIFICADOR");
    expect(rucProblem("30123456789")).toBe("PREFIJO");
    expect(rucProblem("2012345678")).toBe("FORMATO");
    expect(rucProblem("2012345678a")).toBe("FORMATO");
  });
});

describe("número de registro", () => {
  it.each(["84408-038-150516", "1-000-010101", "9471-081-080317"])("accepts %s", (value) => expect(isValidRegistryNumber(value)).toBe(true));
  it.each(["84408-38-150516", "84408-038-310216", "84408-038-15051", "ABCDE-038-150516", "84408038150516", "84408-038-001316"])("refuses %s", (value) =>
    expect(isValidRegistryNumber(value)).toBe(false),
  );
});

const base = {
  type: "CONSUMIDOR_DIRECTO",
  businessName: "Industrias Ejemplo S.A.C.",
  ruc: "20100070970",
  registryNumber: "12345-060-010124",
  address: "Av. Ejemplo 123",
  department: "Lima",
  province: "Lima",
  district: "San Isidro",
  storageCapacity: "5000.50",
  insuranceExpiresOn: "2027-12-31",
};

describe("agent form", () => {
  it("turns the capacity into hundredths for buyers", () => {
    const parsed = agentSchema.parse(base);
    expect(parsed.storageCapacity).toBe(500_050);
    expect(parsed.cededBySellerId).toBeNull();
  });
  it("requires a capacity for buyers and refuses one for others", () => {
    expect(agentSchema.safeParse({ ...base, storageCapacity: "" }).error?.issues[0].message).toMatch(/capacidad/i);
    expect(agentSchema.safeParse({ ...base, type: "COMERCIALIZADOR" }).error?.issues[0].message).toMatch(/Solo los agentes que compran/);
    expect(agentSchema.parse({ ...base, type: "COMERCIALIZADOR", storageCapacity: "" }).storageCapacity).toBe(0);
  });
  it("checks the district against the province and department", () => {
    const result = agentSchema.safeParse({ ...base, district: "Miraflores", province: "Arequipa", department: "Lima" });
    expect(result.error?.issues.map((issue) => issue.path[0])).toContain("district");
  });
  it("explains a bad RUC in Spanish", () => {
    expect(agentSchema.safeParse({ ...base, ruc: "20100070971" }).error?.issues[0].message).toBe("El RUC no es válido: su dígito verificador no corresponde.");
  });
});

const csvRow = (overrides: Record<string, string> = {}) => ({
  tipo: "CONSUMIDOR_DIRECTO",
  razon_social: "Industrias Ejemplo S.A.C.",
  ruc: "20100070970",
  numero_registro: "12345-060-010124",
  direccion: "Av. Ejemplo 123",
  departamento: "Lima",
  provincia: "Lima",
  distrito: "San Isidro",
  capacidad_galones: "5000",
  ruc_proveedor_tanques: "",
  vencimiento_seguro: "2027-12-31",
  ...overrides,
});

describe("CSV rows", () => {
  it("accepts valid rows", () => {
    const { valid, errors } = validateAgentRows([csvRow(), csvRow({ ruc: "20100047218", numero_registro: "12346-038-020224", tipo: "planta_envasadora" })]);
    expect(errors).toEqual([]);
    expect(valid.map((entry) => entry.row)).toEqual([2, 3]);
    expect(valid[1].data.type).toBe("PLANTA_ENVASADORA");
  });
  it("reports each error with its line, field and Spanish message", () => {
    const { valid, errors } = validateAgentRows([csvRow(), csvRow({ ruc: "20100070971", numero_registro: "12346-38-020224" }), csvRow({ numero_registro: "99999-060-010124" })]);
    expect(valid).toHaveLength(1);
    expect(errors).toContainEqual({ row: 3, field: "RUC", message: "El RUC no es válido: su dígito verificador no corresponde." });
    expect(errors).toContainEqual(expect.objectContaining({ row: 3, field: "Número de registro" }));
    expect(errors).toContainEqual({ row: 4, field: "RUC", message: "El RUC se repite en la fila 2." });
  });
  it("refuses an unknown type and a ceded-tank supplier for a non-buyer", () => {
    const { errors } = validateAgentRows([csvRow({ tipo: "REFINERIA" }), csvRow({ tipo: "COMERCIALIZADOR", capacidad_galones: "", ruc_proveedor_tanques: "20100047218" })]);
    expect(errors.map((error) => [error.row, error.field])).toEqual([
      [2, "Tipo de agente"],
      [3, "RUC del proveedor de tanques cedidos"],
    ]);
  });
  it("names the missing columns", () => {
    expect(missingColumns(CSV_HEADER)).toEqual([]);
    expect(missingColumns(["tipo", "ruc"])).toContain("razon_social");
  });
});
