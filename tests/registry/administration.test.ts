/**
 * The administrator's services on a real database: agents (inscription, duplicates, suspension
 * stopping trade at once, reinstatement), the all-or-nothing CSV import, and user accounts
 * (role by agent type, temporary passwords, sessions ended by reset/deactivation/change), each
 * change leaving its audit row.
 */
import { generate } from "otplib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/accounts/password";
import { beginTotpEnrollment, checkSecondFactor, confirmTotpEnrollment } from "@/lib/accounts/totp";
import { changePassword, createUser, resetPassword, setUserActive } from "@/lib/accounts/users";
import { hashPassword } from "@/lib/accounts/password";
import { SignInLimiter } from "@/lib/auth/lockout";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { dispatchOrder } from "@/lib/orders/dispatch-order";
import { ImportRejected, importAgents } from "@/lib/registry/agent-import";
import { createAgent as inscribe, listAgents, reinstateAgent, suspendAgent, updateAgent } from "@/lib/registry/agents";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, lotOn, flowAOrder, seedVendidoOrder, testContext, type World } from "../support/world";

const actor = { userId: null, username: "admin", ip: "127.0.0.1" };

const agentInput = (overrides: Record<string, unknown> = {}) => ({
  type: "CONSUMIDOR_DIRECTO" as const,
  businessName: "Industrias Ejemplo S.A.C.",
  ruc: "20100070970",
  registryNumber: "12345-060-010124",
  address: "Av. Ejemplo 123",
  department: "Lima",
  province: "Lima",
  district: "San Isidro",
  storageCapacity: "5000",
  insuranceExpiresOn: "2030-12-31",
  ...overrides,
});

const csvRow = (overrides: Record<string, string> = {}) => ({
  tipo: "GASOCENTRO",
  razon_social: "Grifo Importado S.A.C.",
  ruc: "20100047218",
  numero_registro: "22222-081-010124",
  direccion: "Av. Importada 1",
  departamento: "Lima",
  provincia: "Lima",
  distrito: "Ate",
  capacidad_galones: "3000",
  ruc_proveedor_tanques: "",
  vencimiento_seguro: "2030-12-31",
  ...overrides,
});

describe.each(ENGINES)("administration on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
  });
  beforeEach(async () => {
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  const audits = (action: string) => test.db.transaction((tx) => tx.auditEvent.findMany({ where: { action } }));

  it("the registry search finds a business name typed in any letter case", async () => {
    const search = (q: string) => test.db.transaction((tx) => listAgents(tx, engine, { q, page: 1 }));
    const exact = await search("Fermiones");
    expect(exact.total).toBeGreaterThan(0);
    expect(exact.agents.every((agent) => agent.businessName.includes("Fermiones"))).toBe(true);
    for (const typed of ["fermiones", "FERMIONES", "fErMiOnEs"]) {
      const found = await search(typed);
      expect(found.total).toBe(exact.total);
      expect(found.agents.map((agent) => agent.id)).toEqual(exact.agents.map((agent) => agent.id));
    }
  });

  it("inscribes an agent once, refuses a duplicate RUC and audits both changes", async () => {
    const ruc = `2010${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const { completeRuc } = await import("@/lib/registry/ruc");
    const input = agentInput({ ruc: completeRuc(ruc), registryNumber: `${ruc.slice(-5)}-060-010124` });
    const { id } = await inscribe(test.db, actor, input);
    await expect(inscribe(test.db, actor, input)).rejects.toMatchObject({ code: "AGENTE_DUPLICADO", fieldErrors: { ruc: [expect.stringMatching(/Ya está inscrito/)] } });
    await updateAgent(test.db, actor, id, { ...input, storageCapacity: "6000.25" });
    const agent = await test.db.transaction((tx) => tx.agent.findUniqueOrThrow({ where: { id } }));
    expect(agent.storageCapacity).toBe(600_025);
    expect((await audits("AGENT_UPDATED")).some((event) => event.detail?.includes("storageCapacity"))).toBe(true);
  });

  it("a suspended buyer can neither register nor have its order sold or dispatched; reinstating restores it", async () => {
    const code = await seedVendidoOrder(ctx, world);
    const solicitado = (await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "100"))).code;
    const { openOrders } = await suspendAgent(test.db, actor, { agentId: world.agents.buyer.id, reason: "Póliza de seguro observada por la inspección." });
    expect(openOrders.map((order) => order.code).sort()).toEqual([code, solicitado].sort());
    const message = /Su inscripción en el Registro de Hidrocarburos está suspendida/;
    await expect(registerOrder(ctx, world.actors.buyer, flowAOrder(world, "100"))).rejects.toThrow(message);
    await expect(sellOrder(ctx, world.actors.envasadora, { code: solicitado, lots: [{ ...lotOn(world, "envasadora"), volume: "100" }] })).rejects.toThrow(/suspendida/);
    await expect(dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "1000" }] })).rejects.toThrow(/suspendida/);
    const state = await test.db.transaction((tx) => tx.order.findUniqueOrThrow({ where: { code } }));
    expect(state.state).toBe("VENDIDO");
    await expect(suspendAgent(test.db, actor, { agentId: world.agents.buyer.id, reason: "Otra vez el mismo motivo." })).rejects.toMatchObject({ code: "NO_VIGENTE" });

    await reinstateAgent(test.db, actor, { agentId: world.agents.buyer.id, reason: "Presentó la póliza renovada." });
    await dispatchOrder(ctx, world.actors.planta, { code, lots: [{ position: 1, volume: "1000" }] });
    const events = await audits("AGENT_SUSPENDED");
    expect(events.at(-1)).toMatchObject({ username: "admin", detail: "Póliza de seguro observada por la inspección." });
  });

  it("imports nothing when any row is wrong, everything when all are right", async () => {
    const before = await test.db.transaction((tx) => tx.agent.count());
    const bad = [csvRow(), csvRow({ ruc: "20100070971", numero_registro: "33333-081-010124" })];
    const error = await importAgents(test.db, actor, bad, "malo.csv").catch((caught) => caught);
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).rowErrors).toEqual([{ row: 3, field: "RUC", message: "El RUC no es válido: su dígito verificador no corresponde." }]);
    expect(await test.db.transaction((tx) => tx.agent.count())).toBe(before);

    const supplierRuc = world.agents.envasadora.ruc;
    const good = [csvRow(), csvRow({ ruc: "20131312955", numero_registro: "33333-081-010124", ruc_proveedor_tanques: supplierRuc })];
    expect(await importAgents(test.db, actor, good, "bueno.csv")).toEqual({ imported: 2 });
    const ceded = await test.db.transaction((tx) => tx.agent.findUniqueOrThrow({ where: { ruc: "20131312955" } }));
    expect(ceded.cededBySellerId).toBe(world.agents.envasadora.id);
    // the same file again: every row is now a duplicate of the registry
    const again = await importAgents(test.db, actor, good, "bueno.csv").catch((caught) => caught);
    expect((again as ImportRejected).rowErrors.map((entry) => entry.row)).toEqual([2, 2, 3, 3]);
  });

  it("lets only a Planta Envasadora or a Distribuidor a Granel cede tanks in use (seed 004), on the form and in the import", async () => {
    const { completeRuc } = await import("@/lib/registry/ruc");
    const [ruc, importedRuc] = [completeRuc("2060444444"), completeRuc("2060555555")];
    const gasocentro = (cededBySellerId: number) => agentInput({ type: "GASOCENTRO", ruc, registryNumber: "44444-081-010124", cededBySellerId });
    await expect(inscribe(test.db, actor, gasocentro(world.agents.comercializador.id))).rejects.toMatchObject({
      code: "PROVEEDOR_NO_VALIDO",
      fieldErrors: { cededBySellerId: ["Seleccione una Planta Envasadora o un Distribuidor a Granel."] },
    });
    expect(await test.db.transaction((tx) => tx.agent.count({ where: { ruc } }))).toBe(0);
    const { id } = await inscribe(test.db, actor, gasocentro(world.agents.distribuidor.id));
    await expect(updateAgent(test.db, actor, id, gasocentro(world.agents.comercializador.id))).rejects.toMatchObject({ code: "PROVEEDOR_NO_VALIDO" });
    await updateAgent(test.db, actor, id, gasocentro(world.agents.envasadora.id));

    const rows = [csvRow({ ruc: importedRuc, numero_registro: "55555-081-010124", ruc_proveedor_tanques: world.agents.comercializador.ruc })];
    const error = await importAgents(test.db, actor, rows, "cedidos.csv").catch((caught) => caught);
    expect((error as ImportRejected).rowErrors).toEqual([
      {
        row: 2,
        field: "RUC del proveedor de tanques cedidos",
        message: "No es el RUC de una Planta Envasadora o un Distribuidor a Granel inscrito ni de una fila anterior del archivo: solo ellos ceden tanques en uso.",
      },
    ]);
  });

  it("creates users only with a role of the agent's type, with a temporary password to change", async () => {
    await expect(
      createUser(test.db, actor, { agentId: world.agents.planta.id, username: "planta.nuevo", fullName: "Operador Nuevo", role: "COMPRADOR", email: "operador.nuevo@example.pe" }),
    ).rejects.toMatchObject({ code: "ROL_NO_PERMITIDO" });
    const username = `comp${Math.random().toString(36).slice(2, 8)}`;
    const { id, temporaryPassword } = await createUser(test.db, actor, { agentId: world.agents.buyer.id, username, fullName: "Compradora Nueva", role: "COMPRADOR", email: "compradora.nueva@example.pe" });
    const user = await test.db.transaction((tx) => tx.user.findUniqueOrThrow({ where: { id } }));
    expect(user.mustChangePassword).toBe(true);
    expect(await verifyPassword(user.passwordHash, temporaryPassword)).toBe(true);
  });

  it("reset, deactivation and a password change end the sessions (session version)", async () => {
    const user = await test.db.transaction(async (tx) =>
      tx.user.create({ data: { username: `s${Math.random().toString(36).slice(2, 8)}`, fullName: "Sesiones", role: "COMPRADOR", agentId: world.agents.buyer.id, passwordHash: await hashPassword("clave-anterior-larga") } }),
    );
    const version = async () => (await test.db.transaction((tx) => tx.user.findUniqueOrThrow({ where: { id: user.id } }))).sessionVersion;
    const self = { userId: user.id, username: user.username, ip: null };
    await expect(changePassword(test.db, self, { currentPassword: "equivocada", newPassword: "nueva frase larga 1", confirmPassword: "nueva frase larga 1" }, new SignInLimiter(test.db))).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["La contraseña actual no es correcta."] },
    });
    await expect(changePassword(test.db, self, { currentPassword: "clave-anterior-larga", newPassword: "password1234", confirmPassword: "password1234" }, new SignInLimiter(test.db))).rejects.toThrow(/demasiado común/);
    await changePassword(test.db, self, { currentPassword: "clave-anterior-larga", newPassword: "nueva frase larga 1", confirmPassword: "nueva frase larga 1" }, new SignInLimiter(test.db));
    expect(await version()).toBe(1);
    const { temporaryPassword } = await resetPassword(test.db, actor, user.id);
    expect(temporaryPassword).toMatch(/^[\w]{4}-[\w]{4}-[\w]{4}-[\w]{4}$/);
    expect(await version()).toBe(2);
    await setUserActive(test.db, actor, user.id, false);
    expect(await version()).toBe(3);
    expect((await audits("USER_DEACTIVATED")).some((event) => event.target === `usuario ${user.username}`)).toBe(true);
  });

  it("enrolls a second factor and accepts each recovery code once", async () => {
    const user = await test.db.transaction((tx) =>
      tx.user.create({ data: { username: `t${Math.random().toString(36).slice(2, 8)}`, fullName: "TOTP", role: "ADMINISTRADOR", agentId: world.agents.regulator.id, passwordHash: "x" } }),
    );
    const { secret, uri } = await beginTotpEnrollment(test.db, user.id);
    expect(uri).toContain("otpauth://totp/");
    const self = { userId: user.id, username: user.username, ip: null };
    await expect(confirmTotpEnrollment(test.db, self, "000000")).rejects.toMatchObject({ code: "CODIGO_INVALIDO" });
    const codes = await confirmTotpEnrollment(test.db, self, await generate({ secret }));
    expect(codes).toHaveLength(10);
    const stored = await test.db.transaction((tx) => tx.user.findUniqueOrThrow({ where: { id: user.id } }));
    expect(stored.totpEnabledAt).not.toBeNull();
    // the enrollment's code is spent (tests/accounts/second-factor.test.ts): the next step's code signs in
    const next = await generate({ secret, epoch: ((stored.totpLastStep ?? 0) + 1) * 30 });
    expect(await test.db.transaction((tx) => checkSecondFactor(tx, stored, next))).toBe("totp");
    expect(await test.db.transaction((tx) => checkSecondFactor(tx, stored, codes[0]))).toBe("recovery");
    expect(await test.db.transaction((tx) => checkSecondFactor(tx, stored, codes[0]))).toBeNull();
    expect(await test.db.transaction((tx) => checkSecondFactor(tx, stored, "123456"))).toBeNull();
  });
});
