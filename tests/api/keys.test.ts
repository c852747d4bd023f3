import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiKey, createApiKey, listApiKeys, revokeApiKey } from "@/lib/api/keys";
import { isDomainError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, type World } from "../support/world";

const bearer = (key: string) => `Bearer ${key}`;

describe("API keys on sqlite", () => {
  let test: TestDatabase;
  let world: World;

  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  it("creates a key of the form scop_<12>_<32> that authenticates as its creator, until revoked", async () => {
    const buyer = world.actors.buyer;
    const created = await createApiKey(test.db, buyer, "ERP de compras");
    expect(created.key).toMatch(/^scop_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{32}$/);
    expect(created.key.slice(5, 17)).toBe(created.prefix);

    const stored = await test.db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.secretHash).not.toContain(created.key.slice(18));
    expect(stored.role).toBe("COMPRADOR");
    expect(stored.lastUsedAt).toBeNull();

    const used = Date.now();
    const actor = await authenticateApiKey(test.db, bearer(created.key));
    expect(actor).toEqual({ apiKeyId: created.id, userId: buyer.userId, agentId: buyer.agentId, role: "COMPRADOR" });
    const { lastUsedAt } = await test.db.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(lastUsedAt!.getTime()).toBeGreaterThanOrEqual(used);
    expect(lastUsedAt!.getTime()).toBeLessThanOrEqual(Date.now());

    const revoked = Date.now();
    await revokeApiKey(test.db, buyer, created.id);
    expect(await authenticateApiKey(test.db, bearer(created.key))).toBeNull();
    const [listed] = await listApiKeys(test.db, buyer);
    expect(listed.id).toBe(created.id);
    expect(listed.revokedAt!.getTime()).toBeGreaterThanOrEqual(revoked);
    expect(listed.revokedAt!.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("refuses a wrong secret, a malformed header and an unknown prefix", async () => {
    const created = await createApiKey(test.db, world.actors.envasadora, "Ventas");
    const wrongSecret = created.key.slice(0, 18) + (created.key[18] === "A" ? "B" : "A") + created.key.slice(19);
    expect(await authenticateApiKey(test.db, bearer(wrongSecret))).toBeNull();
    expect(await authenticateApiKey(test.db, created.key)).toBeNull(); // no "Bearer"
    expect(await authenticateApiKey(test.db, null)).toBeNull();
    expect(await authenticateApiKey(test.db, bearer(`scop_${"x".repeat(12)}_${"y".repeat(32)}`))).toBeNull();
    expect(await authenticateApiKey(test.db, bearer(created.key + "z"))).toBeNull();
    expect(await authenticateApiKey(test.db, bearer(created.key))).toMatchObject({ role: "VENDEDOR" });
  });

  it("another agent cannot revoke a key (not found), and the key keeps working", async () => {
    const created = await createApiKey(test.db, world.actors.buyer, "Integración");
    const refusal = await revokeApiKey(test.db, world.actors.otherBuyer, created.id).catch((error: unknown) => error);
    expect(isDomainError(refusal) && refusal.kind).toBe("not_found");
    expect(await authenticateApiKey(test.db, bearer(created.key))).toEqual({
      apiKeyId: created.id,
      userId: world.actors.buyer.userId,
      agentId: world.actors.buyer.agentId,
      role: "COMPRADOR",
    });
  });

  it("refuses a blank name with a field error", async () => {
    const refusal = await createApiKey(test.db, world.actors.buyer, "   ").catch((error: unknown) => error);
    expect(isDomainError(refusal) && refusal.fieldErrors).toEqual({ name: ["Ingrese el nombre de la clave."] });
  });

  it("a deactivated creator's keys stop working", async () => {
    const created = await createApiKey(test.db, world.actors.planta, "Despachos");
    await test.db.prisma.user.update({ where: { id: world.actors.planta.userId }, data: { active: false } });
    expect(await authenticateApiKey(test.db, bearer(created.key))).toBeNull();
    await test.db.prisma.user.update({ where: { id: world.actors.planta.userId }, data: { active: true } });
  });
});
