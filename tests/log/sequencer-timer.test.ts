/**
 * The sequencer's timer inside the server: it catches the log up by itself and reports what it
 * costs in the metrics (its turns' duration, the leaves it appended, the tree's size — also when it
 * had nothing to do), which is how an operator — and bench:log — sees the log's share of the server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "@/lib/db/sql";
import { LogSigner } from "@/lib/log/node-crypto";
import { treeSize } from "@/lib/log/sequencer";
import { startSequencerTimer } from "@/lib/log/sequencer-timer";
import { metrics } from "@/lib/observability/metrics";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, seedCerradoOrder, testContext } from "../support/world";

const signer = new LogSigner("PRIVATE+KEY+demo.scop-glp.pe/registro+80151c15+AWmvTw+wbu67AYjejvId/PDOfu4a+gkNO1KPmgeUCEE+");

/** A metric's value, or for a histogram the `_count`/`_sum` series named. */
async function sampled(name: string): Promise<number> {
  const histogram = /_(count|sum)$/.test(name);
  const metric = metrics().registry.getSingleMetric(histogram ? name.replace(/_(count|sum)$/, "") : name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  const value = values.find((v) => (histogram ? (v as { metricName?: string }).metricName === name : true));
  return value?.value ?? 0;
}

describe.each(ENGINES)("the sequencer's timer on %s", (engine) => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    const ctx = testContext(test.db);
    const world = await buildWorld(test.db);
    await seedCerradoOrder(ctx, world, "A");
  });
  afterAll(() => test?.drop());

  it("catches the log up by itself and counts its turns, leaves and tree size in the metrics", async () => {
    const [row] = await test.db.sql.all<{ rows: number }>(
      sql`SELECT (SELECT COUNT(*) FROM movements) + (SELECT COUNT(*) FROM agent_changes) + (SELECT COUNT(*) FROM truck_changes) AS "rows"`,
    );
    const rows = Number(row.rows);
    const leavesBefore = await sampled("scop_log_leaves_total");
    const runsBefore = await sampled("scop_log_sequencer_run_seconds_count");
    const timer = startSequencerTimer(() => test.db, () => signer, 20);
    try {
      const deadline = Date.now() + 20_000;
      while ((await treeSize(test.db)) < rows && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // one more turn after the last leaf, so that the gauges are set
      const runs = await sampled("scop_log_sequencer_run_seconds_count");
      while ((await sampled("scop_log_sequencer_run_seconds_count")) <= runs && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      timer.stop();
    }
    expect(await treeSize(test.db)).toBe(rows);
    expect((await sampled("scop_log_leaves_total")) - leavesBefore).toBe(rows);
    expect(await sampled("scop_log_tree_size")).toBe(rows);
    expect(await sampled("scop_log_sequencer_run_seconds_count")).toBeGreaterThan(runsBefore);
    const ran = await sampled("scop_log_sequencer_run_seconds_sum");
    const inTransactions = await sampled("scop_log_sequencer_transaction_seconds_total");
    expect(inTransactions).toBeGreaterThan(0);
    expect(inTransactions).toBeLessThanOrEqual(ran); // the turns hold their transactions, and more

    // a server started on a log that is already current reports its size too
    metrics().logTreeSize.set(0);
    const idle = startSequencerTimer(() => test.db, () => signer, 20);
    try {
      const deadline = Date.now() + 10_000;
      while ((await sampled("scop_log_tree_size")) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      idle.stop();
    }
    expect(await sampled("scop_log_tree_size")).toBe(rows);

  });
});
