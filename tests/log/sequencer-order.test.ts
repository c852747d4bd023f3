/**
 * The order of the leaves does not depend on how the sequencer cuts its batches: movements and
 * registry changes committed interleaved are logged in the same order by one large batch, by
 * batches of two (where a full batch of movements decides whether the registry's next rows are
 * read at all) and on worker threads. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { LogSigner } from "@/lib/log/node-crypto";
import { sequence } from "@/lib/log/sequencer";
import { leafSources } from "@/lib/log/store";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { TestClock, buildWorld, seedCerradoOrder, seedPorCerrarOrder, testContext, type World } from "../support/world";

const signer = new LogSigner("PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+");

describe.each(ENGINES)("the order of the leaves on %s", (engine) => {
  let test: TestDatabase;
  let world: World;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    // the app's clock, so movements and the registry's changes (stamped by the database) interleave in time too
    const clock = new TestClock(new Date());
    const ctx = testContext(test.db, clock);
    // runs of movements with registry changes between them, and movements after the last
    for (let round = 0; round < 3; round++) {
      clock.set(new Date().toISOString());
      await seedCerradoOrder(ctx, world, "A");
      await seedPorCerrarOrder(ctx, world, "B");
      await new Promise((resolve) => setTimeout(resolve, 5));
      await test.db.prisma.agent.update({ where: { id: world.agents.otherBuyer.id }, data: { registryStatus: round % 2 === 0 ? "SUSPENDIDO" : "VIGENTE" } });
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
    clock.set(new Date().toISOString());
    await seedCerradoOrder(ctx, world, "A");
  });
  afterAll(() => test?.drop());

  async function logged(options: Parameters<typeof sequence>[2]): Promise<string[]> {
    for (const table of ["log_leaves", "log_tiles", "log_checkpoints", "log_state"]) await test.db.sql.run(sql`DELETE FROM ${sql.raw(table)}`);
    const result = await sequence(test.db, signer, options);
    return (await leafSources(test.db.sql, 0, result.treeSize)).map((leaf) => `${leaf.kind}:${leaf.id}`);
  }

  it("is the same for one batch, batches of two, batches of three on worker threads", async () => {
    const whole = await logged({ batchSize: 100_000 });
    const kinds = new Set(whole.map((leaf) => leaf.split(":")[0]));
    expect(kinds).toEqual(new Set(["MOVEMENT", "AGENT", "TRUCK"]));
    // registry changes come between movements, not only before or after them all
    const firstMovement = whole.findIndex((leaf) => leaf.startsWith("MOVEMENT"));
    const lastMovement = whole.findLastIndex((leaf) => leaf.startsWith("MOVEMENT"));
    expect(whole.slice(firstMovement, lastMovement).filter((leaf) => leaf.startsWith("AGENT")).length).toBeGreaterThanOrEqual(3);

    expect(await logged({ batchSize: 2 })).toEqual(whole);
    expect(await logged({ batchSize: 3, parallel: true })).toEqual(whole);
  });
});
