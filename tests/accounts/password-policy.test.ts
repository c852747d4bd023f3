import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/accounts/common-passwords";
import { changePasswordSchema } from "@/lib/accounts/password-policy";
import { assertPasswordAllowed } from "@/lib/accounts/users";

describe("password policy", () => {
  it("requires at least 12 characters, in Spanish", () => {
    expect(() => assertPasswordAllowed("corta-123")).toThrow("La contraseña debe tener al menos 12 caracteres.");
    expect(() => assertPasswordAllowed("tres palabras largas")).not.toThrow();
  });
  it("refuses common passwords even when long enough", () => {
    expect(passwordProblem("password1234")).toMatch(/demasiado común/);
    expect(passwordProblem("PASSWORD1234")).toMatch(/demasiado común/);
    expect(() => assertPasswordAllowed("qwertyuiop123")).not.toThrow(/caracteres/);
  });
  it("refuses a password containing the username", () => {
    expect(passwordProblem("soy-comprador-2026", "comprador")).toBe("La contraseña no puede contener su nombre de usuario.");
  });
  it("checks the confirmation and that the new password differs", () => {
    const mismatch = changePasswordSchema.safeParse({ currentPassword: "Scop-Demo-2026", newPassword: "nueva frase segura", confirmPassword: "otra frase" });
    expect(mismatch.error?.issues[0]).toMatchObject({ path: ["confirmPassword"], message: "La confirmación no coincide con la nueva contraseña." });
    const same = changePasswordSchema.safeParse({ currentPassword: "Scop-Demo-2026", newPassword: "Scop-Demo-2026", confirmPassword: "Scop-Demo-2026" });
    expect(same.error?.issues[0].message).toBe("La nueva contraseña debe ser distinta de la actual.");
  });
});
