/**
 * The sequencer inside the server process: every few seconds (SCOP_LOG_INTERVAL_MS), small
 * batches, never two runs at once in a process; on PostgreSQL with several instances, the
 * advisory lock lets one of them work per turn. Started by instrumentation.ts.
 */
import type { Database } from "@/lib/db/database";
import { metrics } from "@/lib/observability/metrics";
import type { LogSigner } from "./node-crypto";
import { hasWork, sequence, treeSize } from "./sequencer";

/** Leaves per transaction from the timer: SQLite's writers wait while a batch runs (~5 ms per 500). */
const TIMER_BATCH = 500;
/** Batches per tick, so a backlog (a restored database) is caught up over a few ticks without starving requests. */
const TIMER_BATCHES = 20;

const globalForLog = globalThis as unknown as { scopLogTimer?: { stop(): void } };

export function startSequencerTimer(db: () => Database, signer: () => LogSigner, intervalMs: number): { stop(): void } {
  globalForLog.scopLogTimer?.stop();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;
  const tick = async () => {
    const started = performance.now();
    try {
      if (await hasWork(db())) {
        const result = await sequence(db(), signer(), { batchSize: TIMER_BATCH, maxBatches: TIMER_BATCHES });
        const { logLeaves, logTreeSize, logSequencerTransactions } = metrics();
        logLeaves.inc(result.added);
        logSequencerTransactions.inc(result.transactionSeconds);
        logTreeSize.set(result.treeSize);
      } else {
        // an idle server (or one started on a log already current) still reports the tree's size
        metrics().logTreeSize.set(await treeSize(db()));
      }
      failures = 0;
    } catch (error) {
      // keep trying: the next tick starts again from the stored state
      if (failures++ % 20 === 0) console.error("[scop] El secuenciador del registro de movimientos falló:", error);
    }
    // what the log costs the server: an operator (and bench:log) reads it beside the request rate
    metrics().logSequencerRuns.observe((performance.now() - started) / 1000);
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  timer = setTimeout(tick, Math.min(intervalMs, 500)).unref();
  const handle = {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
  globalForLog.scopLogTimer = handle;
  return handle;
}
