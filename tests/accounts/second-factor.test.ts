/**
 * Defect 12 (issue 14): a second-factor code is accepted once. The time step of the last code
 * accepted is kept per user, and a code of that step or an earlier one is refused (RFC 6238
 * §5.2) — at enrollment, at sign-in, and when two sign-ins race with the same code.
 */
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { beginTotpEnrollment, checkSecondFactor, confirmTotpEnrollment } from "@/lib/accounts/totp";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, type World } from "../support/world";

const codeOfStep = (secret: string, step: number) => generate({ secret, epoch: step * 30 });

describe.each(ENGINES)("second-factor replay on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  async function enrolledUser() {
    const user = await test.db.transaction((tx) =>
      tx.user.create({
        data: { username: `r${Math.random().toString(36).slice(2, 9)}`, fullName: "Replay", role: "REGULADOR", agentId: world.agents.regulator.id, passwordHash: "x" },
      }),
    );
    const { secret } = await beginTotpEnrollment(test.db, user.id);
    const enrolledStep = Math.floor(Date.now() / 30_000);
    await confirmTotpEnrollment(test.db, { userId: user.id, username: user.username, ip: null }, await codeOfStep(secret, enrolledStep));
    const stored = () => test.db.transaction((tx) => tx.user.findUniqueOrThrow({ where: { id: user.id } }));
    return { secret, enrolledStep, stored };
  }

  it("refuses the enrollment's code, then accepts the next step's code once", async () => {
    const { secret, enrolledStep, stored } = await enrolledUser();
    expect((await stored()).totpLastStep).toBe(enrolledStep);
    const check = async (code: string) => {
      const user = await stored();
      return test.db.transaction((tx) => checkSecondFactor(tx, user, code));
    };

    expect(await check(await codeOfStep(secret, enrolledStep))).toBeNull();
    const next = await codeOfStep(secret, enrolledStep + 1);
    expect(await check(next)).toBe("totp");
    expect((await stored()).totpLastStep).toBe(enrolledStep + 1);
    expect(await check(next)).toBeNull();
    // an earlier step's code, still inside the clock-drift window, is refused too
    expect(await check(await codeOfStep(secret, enrolledStep))).toBeNull();
  });

  it("of two sign-ins racing with the same code, one is accepted", async () => {
    const { secret, enrolledStep, stored } = await enrolledUser();
    const user = await stored();
    const code = await codeOfStep(secret, enrolledStep + 1);
    const results = await Promise.all([0, 1, 2, 3].map(() => test.db.transaction((tx) => checkSecondFactor(tx, user, code))));
    expect(results.filter((result) => result === "totp")).toHaveLength(1);
    expect(results.filter((result) => result === null)).toHaveLength(3);
  });
});
