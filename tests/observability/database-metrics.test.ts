/**
 * The metrics that come from the database side, on real databases: order actions by result, the
 * SQLite writer's lock (holders, waiters, wait time) and its busy retries when another process
 * holds the write lock, PostgreSQL's pool connections and waiting clients.
 */
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/database";
import { sqlitePath } from "@/lib/db/engine";
import { sql } from "@/lib/db/sql";
import { outboxBacklog } from "@/lib/events/backlog";
import { EventWorker } from "@/lib/events/worker";
import { exposition, metrics, observeOutbox } from "@/lib/observability/metrics";
import { annulOrder } from "@/lib/orders/annul-order";
import { registerOrder } from "@/lib/orders/register-order";
import { ENGINES, createTestDatabase, type TestDatabase } from "../support/test-database";
import { buildWorld, flowAOrder, testContext, type World } from "../support/world";

async function valueOf(metric: { get(): Promise<{ values: { labels: Partial<Record<string, string | number>>; value: number; metricName?: string }[] }> }, labels: Record<string, string>, name?: string) {
  const { values } = await metric.get();
  const found = values.find((v) => (name === undefined || v.metricName === name) && Object.entries(labels).every(([key, value]) => String(v.labels[key]) === value));
  return found?.value ?? 0;
}

describe.each(ENGINES)("order actions in the metrics on %s", (engine) => {
  let test: TestDatabase;
  let world: World;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    test = await createTestDatabase(engine);
    ctx = testContext(test.db);
    world = await buildWorld(test.db);
  });
  afterAll(() => test.drop());

  it("counts each action by its result — ok or the refusal's code — and times it", async () => {
    const { transitions, transitionDuration } = metrics();
    const okBefore = await valueOf(transitions, { action: "REGISTRAR", result: "ok" });
    const refusedBefore = await valueOf(transitions, { action: "ANULAR", result: "ORDEN_NO_ENCONTRADA" });
    const timedBefore = await valueOf(transitionDuration, { action: "REGISTRAR" }, "scop_order_transition_duration_seconds_count");

    const { code } = await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "100"));
    await annulOrder(ctx, world.actors.buyer, { code });
    await expect(annulOrder(ctx, world.actors.otherBuyer, { code })).rejects.toMatchObject({ code: "ORDEN_NO_ENCONTRADA" });

    expect(await valueOf(transitions, { action: "REGISTRAR", result: "ok" })).toBe(okBefore + 1);
    expect(await valueOf(transitions, { action: "ANULAR", result: "ORDEN_NO_ENCONTRADA" })).toBe(refusedBefore + 1);
    expect(await valueOf(transitionDuration, { action: "REGISTRAR" }, "scop_order_transition_duration_seconds_count")).toBe(timedBefore + 1);
  });

  it("shows the outbox's backlog and its age, and the events the worker fanned out", async () => {
    const worker = new EventWorker({ db: test.db, now: ctx.now, worker: "prueba" }, { scheduler: false });
    await worker.drain();
    expect(await outboxBacklog(test.db)).toMatchObject({ events: 0, oldestEventAt: null });
    await registerOrder(ctx, world.actors.buyer, flowAOrder(world, "50"));
    const pending = await outboxBacklog(test.db);
    expect(pending.events).toBe(1);
    expect(pending.oldestEventAt?.getTime()).toBe(ctx.now().getTime());

    observeOutbox(() => outboxBacklog(test.db));
    const { outboxEvents } = metrics();
    const before = await valueOf(outboxEvents, { result: "fanned_out" });
    let scrape = (await exposition()).body;
    expect(scrape).toContain('scop_outbox_backlog{queue="events"} 1');
    expect(scrape).toMatch(/scop_outbox_oldest_event_age_seconds \d/);
    await worker.fanOutOnce();
    expect(await valueOf(outboxEvents, { result: "fanned_out" })).toBe(before + 1);
    scrape = (await exposition()).body;
    expect(scrape).toContain('scop_outbox_backlog{queue="events"} 0');
    expect(scrape).toContain("scop_outbox_oldest_event_age_seconds 0");
    metrics().outbox.read = undefined;
  });
});

describe("the SQLite writer's lock in the metrics", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("sqlite");
  });
  afterAll(() => test.drop());

  it("shows who holds the lock and who waits, and how long they waited", async () => {
    const { sqliteLockGauge, sqliteLockWait } = metrics();
    const waitsBefore = await valueOf(sqliteLockWait, {}, "scop_sqlite_lock_wait_seconds_count");
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const transaction = test.db.transaction(async (tx) => {
      started();
      await holding;
      return tx.agent.count();
    });
    await inside;
    const waiting = test.db.sql.all(sql`SELECT count(*) AS n FROM agents`);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await valueOf(sqliteLockGauge, { state: "held" })).toBe(1);
    expect(await valueOf(sqliteLockGauge, { state: "waiting" })).toBe(1);
    release();
    await Promise.all([transaction, waiting]);
    expect(await valueOf(sqliteLockGauge, { state: "held" })).toBe(0);
    expect(await valueOf(sqliteLockGauge, { state: "waiting" })).toBe(0);
    expect(await valueOf(sqliteLockWait, {}, "scop_sqlite_lock_wait_seconds_count")).toBeGreaterThanOrEqual(waitsBefore + 2);
    // the waiting query waited at least the 20 ms the transaction held the lock
    const { values } = await sqliteLockWait.get();
    const under10ms = values.find((v) => v.metricName === "scop_sqlite_lock_wait_seconds_bucket" && v.labels.le === 0.01)!.value;
    const count = values.find((v) => v.metricName === "scop_sqlite_lock_wait_seconds_count")!.value;
    expect(count - under10ms).toBeGreaterThanOrEqual(1);
  });

  it("counts a busy retry when another process holds the write lock", async () => {
    const { dbRetries } = metrics();
    const before = await valueOf(dbRetries, { engine: "sqlite", reason: "sqlite_busy" });
    const other = new Sqlite(sqlitePath(test.url));
    other.prepare("BEGIN IMMEDIATE").run();
    const write = test.db.sql.transaction((tx) => tx.run(sql`UPDATE agents SET address = address WHERE id = -1`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    other.prepare("COMMIT").run();
    other.close();
    await write;
    expect(await valueOf(dbRetries, { engine: "sqlite", reason: "sqlite_busy" })).toBeGreaterThan(before);
  });
});

describe("PostgreSQL's pools in the metrics", () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase("postgresql");
  });
  afterAll(() => test.drop());

  it("shows each pool's connections, idle ones, and clients waiting for one", async () => {
    const db = createDatabase(test.url, { poolSize: 1, poolName: "prueba" });
    try {
      const client = await db.pgPool!.connect();
      const queued = db.sql.all(sql`SELECT 1 AS one`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { poolConnections } = metrics();
      expect(await valueOf(poolConnections, { pool: "prueba", state: "total" })).toBe(1);
      expect(await valueOf(poolConnections, { pool: "prueba", state: "idle" })).toBe(0);
      expect(await valueOf(poolConnections, { pool: "prueba", state: "waiting" })).toBe(1);
      client.release();
      await queued;
      expect(await valueOf(poolConnections, { pool: "prueba", state: "idle" })).toBe(1);
      expect(await valueOf(poolConnections, { pool: "prueba", state: "waiting" })).toBe(0);
    } finally {
      await db.close();
    }
    // an ended pool leaves the metrics
    const { values } = await metrics().poolConnections.get();
    expect(values.filter((v) => v.labels.pool === "prueba")).toEqual([]);
  });
});
