/** Defect 3 (issue 14): outside the demo mode the public development secrets, or none, are refused. */
import { describe, expect, it } from "vitest";
import { assertProductionSecrets, secretProblems } from "@/lib/config";

const real = { NEXTAUTH_SECRET: "x".repeat(40), AUTH_CODE_SECRET: "y".repeat(40), WEBHOOK_SECRET_KEY: "z".repeat(40), SCOP_LOG_SIGNING_KEY: "PRIVATE+KEY+registro.example+00000000+" + "k".repeat(44) };

describe("the secrets of a production start", () => {
  it("refuses none, the public ones and short ones; accepts real ones", () => {
    expect(secretProblems({})).toEqual([
      "Falta la variable de entorno AUTH_CODE_SECRET.",
      "Falta la variable de entorno NEXTAUTH_SECRET.",
      "Falta la variable de entorno WEBHOOK_SECRET_KEY.",
      "Falta la variable de entorno SCOP_LOG_SIGNING_KEY.",
    ]);
    expect(secretProblems({ ...real, NEXTAUTH_SECRET: "dev-only-nextauth-secret-change-me-0123456789" })).toEqual([
      "NEXTAUTH_SECRET tiene el valor público de desarrollo: genere uno propio.",
    ]);
    expect(secretProblems({ ...real, AUTH_CODE_SECRET: "corto" })).toEqual(["AUTH_CODE_SECRET debe tener al menos 32 caracteres."]);
    expect(() => assertProductionSecrets(real)).not.toThrow();
    expect(() => assertProductionSecrets({})).toThrow(/No se inicia el servidor/);
  });

  it("the demo mode, and only SCOP_DEMO=1, allows the public ones", () => {
    expect(secretProblems({ SCOP_DEMO: "1" })).toEqual([]);
    expect(secretProblems({ SCOP_DEMO: "true" })).toHaveLength(4);
  });
});
