/**
 * Server-side sessions (issue 14, defect 11, and ASVS 5.0 7.5.2): a sign-out ends its session and
 * only it; a user ends its other sessions after typing its password again, under the lockout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/accounts/password";
import { endOtherSessionsWithPassword } from "@/lib/accounts/sessions";
import { SignInLimiter } from "@/lib/auth/lockout";
import { endSession, openSession, openSessions, sessionIsOpen } from "@/lib/auth/sessions";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, type World } from "../support/world";

describe.each(ENGINES)("sessions on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  async function userWithSessions(count: number) {
    const username = `s${Math.random().toString(36).slice(2, 8)}`;
    const user = await test.db.prisma.user.create({
      data: { username, fullName: "Sesiones", role: "COMPRADOR", agentId: world.agents.buyer.id, passwordHash: await hashPassword("clave-de-sesiones-1") },
    });
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await test.db.transaction((tx) => openSession(tx, user.id, { ip: `10.0.0.${i}`, userAgent: "Firefox/130" })));
    const open = (id: string) => test.db.transaction((tx) => sessionIsOpen(tx, user.id, id));
    return { user, ids, open };
  }

  it("a sign-out ends that session only, once; a session is nobody else's", async () => {
    const { user, ids, open } = await userWithSessions(2);
    expect(await open(ids[0])).toBe(true);
    expect(await test.db.transaction((tx) => endSession(tx, user.id, ids[0]))).toBe(true);
    expect(await test.db.transaction((tx) => endSession(tx, user.id, ids[0]))).toBe(false);
    expect(await open(ids[0])).toBe(false);
    expect(await open(ids[1])).toBe(true);
    const other = await userWithSessions(1);
    expect(await test.db.transaction((tx) => sessionIsOpen(tx, other.user.id, ids[1]))).toBe(false);
  });

  it("ends the other sessions after the password, and keeps this one", async () => {
    const { user, ids, open } = await userWithSessions(3);
    const limiter = new SignInLimiter(test.db);
    const actor = { userId: user.id, username: user.username, ip: "10.0.0.9", sessionId: ids[2] };
    await expect(endOtherSessionsWithPassword(test.db, actor, "equivocada", limiter)).rejects.toMatchObject({ code: "CONTRASENA_ACTUAL" });
    expect(await open(ids[0])).toBe(true);
    expect(await endOtherSessionsWithPassword(test.db, actor, "clave-de-sesiones-1", limiter)).toEqual({ ended: 2 });
    expect([await open(ids[0]), await open(ids[1]), await open(ids[2])]).toEqual([false, false, true]);
    expect((await test.db.transaction((tx) => openSessions(tx, user.id, 12 * 3600 * 1000))).map((session) => session.id)).toEqual([ids[2]]);
    expect(await test.db.prisma.auditEvent.count({ where: { userId: user.id, action: "SESSIONS_ENDED" } })).toBe(1);
  });
});
