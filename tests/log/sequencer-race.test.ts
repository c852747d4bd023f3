/**
 * The log under concurrent writers, both engines: orders walk their lifecycle on several
 * connections at once while two sequencers integrate in small batches and sign checkpoint after
 * checkpoint. On PostgreSQL other connections also hold transactions open (one takes its
 * transaction id long before it writes, others commit out of id order, some roll back), and a
 * registry change lands now and then. Afterwards every stored checkpoint must be consistent with
 * the final tree and every leaf must equal its recomputation: the log never signs a tree a later
 * checkpoint contradicts. Both engines run in this one process on purpose: a proof of the second
 * log must never be computed with tiles read from the first (the proofs' tile cache once belonged
 * to the process, and this test then found the second log's early checkpoints "inconsistent").
 * Last, a log whose stored tiles no longer give its latest signed root refuses to sign again.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { closeOrder } from "@/lib/orders/close-order";
import { registerOrder } from "@/lib/orders/register-order";
import { sellOrder } from "@/lib/orders/sell-order";
import { TreeBuilder, equalBytes, verifyConsistency } from "@/lib/log/merkle";
import { LogSigner, hasher } from "@/lib/log/node-crypto";
import { inProcessLeafHasher } from "@/lib/log/leaf-pool";
import { consistencyProofBetween } from "@/lib/log/proofs";
import { sequence } from "@/lib/log/sequencer";
import { checkpointsAfter, leafSources, readState } from "@/lib/log/store";
import { verifyDatabase } from "@/lib/log/verify-database";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, createActor, createAgent, lotOn, testContext, type World } from "../support/world";

const signer = new LogSigner("PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+");
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)("the movement log under concurrent writers on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
  });
  afterAll(() => test?.drop());

  /** One buyer per writer, so the writers never wait on one another's capacity row. */
  async function lifecycles(writer: number, count: number, random: () => number) {
    const agent = await createAgent(test.db, { type: "CONSUMIDOR_DIRECTO", name: `Comprador concurrente ${writer}`, capacityGallons: 1_000_000 });
    const buyer = await createActor(test.db, agent.id, "COMPRADOR");
    for (let i = 0; i < count; i++) {
      const { code } = await registerOrder(ctx, buyer, { sellerType: "PLANTA_ENVASADORA", sellerId: world.agents.envasadora.id, volume: "20", deliveryDate: "2026-03-11" });
      if (random() < 0.2) continue;
      await sellOrder(ctx, world.actors.envasadora, { code, lots: [{ ...lotOn(world, "envasadora", writer % 5), volume: "12" }, { ...lotOn(world, "envasadora", (writer + 1) % 5), volume: "8" }] });
      if (random() < 0.2) continue;
      await closeOrder(ctx, buyer, { code, lots: [{ position: 1, rejected: false, receivedVolume: "12" }, { position: 2, rejected: random() < 0.3, receivedVolume: "8" }] });
    }
  }

  /**
   * PostgreSQL only: raw transactions that take their transaction id early (a first write), wait,
   * then insert movements and commit (or roll back) long after transactions with higher ids did.
   */
  async function stragglers(rounds: number, random: () => number) {
    const [order] = await test.db.sql.all<{ id: number }>(sql`SELECT id AS "id" FROM orders ORDER BY id LIMIT 1`);
    const actor = world.actors.buyer;
    const client = new pg.Client({ connectionString: test.url });
    await client.connect();
    try {
      for (let i = 0; i < rounds; i++) {
        await client.query("BEGIN");
        if (random() < 0.5) await client.query("SELECT pg_current_xact_id()"); // the id now, the rows later
        await pause(random() * 40);
        for (let j = 0; j < 1 + Math.floor(random() * 3); j++) {
          await client.query(
            `INSERT INTO movements (order_id, event, state, occurred_at, user_id, agent_id, detail) VALUES ($1, 'ANULADO', 'ANULADO', now(), $2, $3, $4)`,
            [order.id, actor.userId, actor.agentId, `rezagado ${i}.${j}`],
          );
          await pause(random() * 20);
        }
        if (random() < 0.15) await client.query("ROLLBACK");
        else await client.query("COMMIT");
      }
    } finally {
      await client.end();
    }
  }

  /** Registry changes (agent leaves) now and then, on their own. */
  async function registryChanges(rounds: number, random: () => number) {
    for (let i = 0; i < rounds; i++) {
      await test.db.prisma.agent.update({ where: { id: world.agents.otherBuyer.id }, data: { registryStatus: i % 2 === 0 ? "SUSPENDIDO" : "VIGENTE" } });
      await pause(random() * 30);
    }
  }

  async function sequencer(done: () => boolean, random: () => number) {
    let rounds = 0;
    while (!done() || rounds === 0) {
      await sequence(test.db, signer, { batchSize: 1 + Math.floor(random() * 7), maxBatches: 3 });
      rounds++;
      await pause(random() * 10);
    }
  }

  it("signs only checkpoints that the final tree is consistent with, and every leaf is its row", async () => {
    let seed = 18;
    const random = () => {
      // a fixed sequence of pseudo-random numbers: the same interleavings are tried each run
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    // a first order, so the stragglers have one to attach their movements to
    await registerOrder(ctx, world.actors.buyer, { sellerType: "PLANTA_ENVASADORA", sellerId: world.agents.envasadora.id, volume: "10", deliveryDate: "2026-03-11" });

    let writing = true;
    const writers = [
      ...Array.from({ length: 4 }, (_, writer) => lifecycles(writer, engine === "sqlite" ? 60 : 70, random)),
      registryChanges(10, random),
      ...(engine === "postgresql" ? Array.from({ length: 3 }, () => stragglers(20, random)) : []),
    ];
    const sequencers = [sequencer(() => !writing, random), sequencer(() => !writing, random)];
    await Promise.all(writers);
    writing = false;
    await Promise.all(sequencers);
    await sequence(test.db, signer, { batchSize: 5 });

    // every checkpoint against the final tree, from the stored tiles and from the recomputed leaves
    const state = (await readState(test.db.sql))!;
    const checkpoints = await checkpointsAfter(test.db.sql, 0, 100_000);
    const latest = checkpoints[checkpoints.length - 1];
    expect(checkpoints.length).toBeGreaterThan(20);
    expect(latest.treeSize).toBe(state.treeSize);
    const sources = await leafSources(test.db.sql, 0, latest.treeSize);
    const { hashes } = await inProcessLeafHasher(test.db.sql, state.saltKey)(sources);
    const builder = new TreeBuilder(hasher);
    const bySize = new Map(checkpoints.map((checkpoint) => [checkpoint.treeSize, checkpoint]));
    const contradicted: number[] = [];
    for (let i = 0; i < sources.length; i++) {
      builder.append(hashes.subarray(i * 32, i * 32 + 32));
      const checkpoint = bySize.get(builder.size);
      if (checkpoint && !equalBytes(builder.root(), checkpoint.rootHash)) contradicted.push(checkpoint.treeSize);
    }
    for (const checkpoint of checkpoints.slice(0, -1)) {
      const proof = await consistencyProofBetween(test.db.sql, checkpoint.treeSize, latest.treeSize);
      if (!verifyConsistency(hasher, checkpoint.treeSize, latest.treeSize, proof, checkpoint.rootHash, latest.rootHash)) contradicted.push(checkpoint.treeSize);
    }
    expect(contradicted).toEqual([]);

    const report = await verifyDatabase(test.db, [signer.verifierKey]);
    expect(report.problems).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.pending).toBe(0);
    expect(report.checkpointsChecked).toBe(checkpoints.length);
    const [{ rows }] = await test.db.sql.all<{ rows: number }>(sql`SELECT (SELECT COUNT(*) FROM movements) + (SELECT COUNT(*) FROM agent_changes) + (SELECT COUNT(*) FROM truck_changes) AS "rows"`);
    expect(report.leavesChecked).toBe(Number(rows));
  });

  it("refuses to sign a tree that does not extend the latest checkpoint (its stored edge edited)", async () => {
    const before = await checkpointsAfter(test.db.sql, 0, 100_000);
    const state = (await readState(test.db.sql))!;
    // someone flips a bit of the rightmost level-0 tile (the leaf hashes the next batch builds on)
    const index = Math.floor((state.treeSize - 1) / 256);
    const [tile] = await test.db.sql.all<{ hashes: Buffer }>(sql`SELECT hashes AS "hashes" FROM log_tiles WHERE level = 0 AND tile_index = ${index}`);
    const edited = Buffer.from(tile.hashes);
    edited[edited.length - 1] ^= 1;
    await test.db.sql.run(sql`UPDATE log_tiles SET hashes = ${edited} WHERE level = 0 AND tile_index = ${index}`);
    await registerOrder(ctx, world.actors.buyer, { sellerType: "PLANTA_ENVASADORA", sellerId: world.agents.envasadora.id, volume: "10", deliveryDate: "2026-03-11" });
    await expect(sequence(test.db, signer)).rejects.toThrow(/no dan la raíz del último checkpoint firmado/);
    const after = await checkpointsAfter(test.db.sql, 0, 100_000);
    expect(after.length).toBe(before.length);
    expect((await readState(test.db.sql))!.treeSize).toBe(state.treeSize);
  });
});
