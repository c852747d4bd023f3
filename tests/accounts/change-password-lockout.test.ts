/**
 * Defect 13 (issue 14): "Cambiar Contraseña" checked the current password with no attempt limit,
 * so a stolen session could guess it for ever. A wrong current password now counts as a failed
 * sign-in of the account from that address: the fifth locks it, and while it is locked even the
 * right password is not checked (nor can the account sign in from there). Each failure is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/accounts/password";
import { changePassword } from "@/lib/accounts/users";
import { SignInLimiter } from "@/lib/auth/lockout";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, type World } from "../support/world";

describe.each(ENGINES)("the password change's lockout on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  it("locks after five wrong current passwords, then refuses even the right one", async () => {
    const username = `c${Math.random().toString(36).slice(2, 8)}`;
    const user = await test.db.prisma.user.create({
      data: { username, fullName: "Cambio", role: "COMPRADOR", agentId: world.agents.buyer.id, passwordHash: await hashPassword("clave-anterior-larga") },
    });
    const limiter = new SignInLimiter(test.db);
    const self = { userId: user.id, username, ip: "198.51.100.20" };
    const attempt = (currentPassword: string) =>
      changePassword(test.db, self, { currentPassword, newPassword: "una frase nueva y larga", confirmPassword: "una frase nueva y larga" }, limiter);

    for (let i = 1; i <= 4; i++) await expect(attempt(`equivocada-${i}`)).rejects.toMatchObject({ code: "CONTRASENA_ACTUAL" });
    await expect(attempt("equivocada-5")).rejects.toMatchObject({ code: "BLOQUEADO", message: "Demasiados intentos fallidos. Intente nuevamente en 15 minutos." });
    await expect(attempt("clave-anterior-larga")).rejects.toMatchObject({ code: "BLOQUEADO" });
    // the same counters as the sign-in: the account cannot sign in from that address either
    expect(await limiter.lockedFor(username, "198.51.100.20")).toBeGreaterThan(800);

    const stored = await test.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toBe(user.passwordHash);
    const audit = await test.db.prisma.auditEvent.findMany({ where: { userId: user.id }, orderBy: { id: "asc" } });
    expect(audit.filter((event) => event.action === "PASSWORD_CHANGE_FAILED")).toHaveLength(5);
    expect(audit.some((event) => event.action === "LOCKED")).toBe(true);
  });
});
