/**
 * Durability of acknowledged writes and of history.
 * - The Prisma 7 better-sqlite3 adapter pitfall: a write made while another caller's interactive
 *   transaction is open joins that transaction and is rolled back with it. The control test shows
 *   the bare adapter still has the pitfall (if it ever stops failing, upstream fixed it); the
 *   regression test shows our serialised adapter does not.
 * - Movements are append-only in the database itself.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { registerOrder } from "@/lib/orders/register-order";
import { sqlitePath } from "@/lib/db/engine";
import { SerializedSqliteAdapterFactory } from "@/lib/db/serialized-sqlite-adapter";
import { sql } from "@/lib/db/sql";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, flowAOrder, seedSolicitadoOrder, testContext, type World } from "../support/world";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a transaction that writes, waits, and fails; meanwhile `concurrent` runs. */
async function failingTransactionWhile(prisma: PrismaClient, concurrent: () => Promise<unknown>) {
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const failing = prisma
    .$transaction(async (tx) => {
      await tx.counter.create({ data: { name: "doomed", value: 1 } });
      entered();
      await sleep(150);
      throw new Error("the other caller's transaction fails");
    })
    .catch((error: Error) => error);
  await inside;
  const acknowledged = await concurrent();
  const failure = await failing;
  expect(failure).toMatchObject({ message: "the other caller's transaction fails" });
  return acknowledged;
}

describe("SQLite: an acknowledged write survives another caller's failed transaction", () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
  });
  afterAll(() => test.drop());

  it("control: with the bare Prisma adapter the acknowledged write is lost", async () => {
    const bare = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: sqlitePath(test.url) }) });
    await failingTransactionWhile(bare, () => bare.counter.create({ data: { name: "bare-ack", value: 1 } }));
    expect(await bare.counter.findUnique({ where: { name: "bare-ack" } })).toBeNull();
    await bare.$disconnect();
  });

  it("regression: through the project's adapter the write is saved and the failed one is not", async () => {
    const { prisma } = test.db;
    await failingTransactionWhile(prisma, () => prisma.counter.create({ data: { name: "ours-ack", value: 1 } }));
    expect(await prisma.counter.findUnique({ where: { name: "ours-ack" } })).toMatchObject({ value: 1 });
    expect(await prisma.counter.findUnique({ where: { name: "doomed" } })).toBeNull();
  });

  it("regression: an order registered meanwhile survives, with its movement and capacity", async () => {
    const world = await buildWorld(test.db);
    const ctx = testContext(test.db);
    const { code } = (await failingTransactionWhile(test.db.prisma, () =>
      registerOrder(ctx, world.actors.buyer, flowAOrder(world, "1000")),
    )) as { code: string };
    const order = await test.db.prisma.order.findUnique({ where: { code }, include: { movements: true } });
    expect(order?.state).toBe("SOLICITADO");
    expect(order?.movements).toHaveLength(1);
    expect((await test.db.prisma.agent.findUniqueOrThrow({ where: { id: world.agents.buyer.id } })).committedVolume).toBe(100_000);
  });

  it("acknowledges a write only once a WAL sync covers it, and concurrent writes share the syncs", async () => {
    const factory = new SerializedSqliteAdapterFactory(sqlitePath(test.url));
    const prisma = new PrismaClient({ adapter: factory });
    await prisma.counter.create({ data: { name: "synced-alone", value: 1 } });
    const alone = factory.wal.stats;
    expect(alone.syncs).toBeGreaterThan(0);
    expect(alone.durable).toBe(alone.committed);

    // The k-th write to resolve holds one of k distinct commit numbers above `alone`, so a sync
    // must already cover at least alone.committed + k.
    const unsynced: number[] = [];
    let resolved = 0;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        prisma.$transaction(async (tx) => tx.counter.create({ data: { name: `synced-${i}`, value: i } })).then(() => {
          resolved++;
          if (factory.wal.stats.durable < alone.committed + resolved) unsynced.push(i);
        }),
      ),
    );
    const after = factory.wal.stats;
    expect(unsynced).toEqual([]);
    expect(after.durable).toBe(after.committed);
    expect(after.committed - alone.committed).toBe(40);
    expect(after.syncs - alone.syncs).toBeGreaterThan(0);
    expect(after.syncs - alone.syncs).toBeLessThan(40);
    await prisma.$disconnect();
  });

  it("runs in WAL mode with synchronous=NORMAL (group commit makes each commit durable) and foreign keys on", async () => {
    const [journal] = await test.db.sql.all<{ journal_mode: string }>(sql`PRAGMA journal_mode`);
    const [sync] = await test.db.sql.all<{ synchronous: number }>(sql`PRAGMA synchronous`);
    const [fk] = await test.db.sql.all<{ foreign_keys: number }>(sql`PRAGMA foreign_keys`);
    expect(journal.journal_mode).toBe("wal");
    expect(sync.synchronous).toBe(1); // NORMAL
    expect(fk.foreign_keys).toBe(1);
  });
});

describe.each(ENGINES)("movements are append-only in the %s database", (engine) => {
  let test: TestDatabase;
  let world: World;
  let code: string;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    world = await buildWorld(test.db);
    code = await seedSolicitadoOrder(testContext(test.db), world);
  });
  afterAll(() => test.drop());

  it("refuses UPDATE", async () => {
    await expect(test.db.sql.run(sql`UPDATE movements SET state = 'CERRADO'`)).rejects.toThrow(/inmutables/);
    await expect(test.db.prisma.movement.updateMany({ data: { detail: "x" } })).rejects.toThrow(/inmutables/);
  });

  it("refuses DELETE", async () => {
    await expect(test.db.sql.run(sql`DELETE FROM movements`)).rejects.toThrow(/inmutables/);
    await expect(test.db.prisma.movement.deleteMany({})).rejects.toThrow(/inmutables/);
  });

  it("still has the order's movement unchanged afterwards", async () => {
    const movements = await test.db.prisma.movement.findMany({ where: { order: { code } } });
    expect(movements).toMatchObject([{ event: "SOLICITADO", state: "SOLICITADO", detail: null }]);
  });
});
