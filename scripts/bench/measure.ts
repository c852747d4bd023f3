/**
 * The benchmarks' arithmetic: a cell of bench:lifecycle's table (throughput and HdrHistogram
 * percentiles of successful operations, CPU per operation), and exact percentiles of the few
 * thousand sequential samples of bench:regulator and bench-compliance.
 */
import * as hdr from "hdr-histogram-js";

export interface Measurement {
  /** successful operations per second */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  /** operations that failed (non-2xx, refused, socket errors) */
  failed: number;
  /** successful operations */
  operations: number;
  /** CPU milliseconds per successful operation: the server (or the floor's client) plus the database server */
  cpuPerOperation?: number;
  /** the part of cpuPerOperation spent by the database server's processes (PostgreSQL) */
  databaseCpuPerOperation?: number;
}

/** Latencies in microseconds, 1 µs to 60 s, 3 significant digits (the same HdrHistogram autocannon keeps). */
export function latencyHistogram() {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}

export function measurement(histogram: ReturnType<typeof latencyHistogram>, succeeded: number, failed: number, seconds: number): Measurement {
  const ms = (percentile: number) => histogram.getValueAtPercentile(percentile) / 1000;
  return { throughput: succeeded / seconds, p50: ms(50), p95: ms(95), p99: ms(99), failed, operations: succeeded };
}

/**
 * Runs `work` and charges to its operations the CPU seconds the process that served them counts
 * meanwhile (`own`: the app server's tree, or the floor's own process) plus, when given, the
 * database server's (`database`: PostgreSQL's processes). Each counter is read exactly once before
 * and once after, and the total is the sum of those two differences: the part shown as the
 * server's (cpuPerOperation − databaseCpuPerOperation) is then `own`'s difference alone, which
 * never falls. (The total once read the database a second time, apart from its own reading, and
 * both readings counted PostgreSQL's backends, so the two could disagree.)
 */
export async function withCpu(own: () => number, work: () => Promise<Measurement>, database?: () => number): Promise<Measurement> {
  const ownBefore = own();
  const databaseBefore = database?.() ?? 0;
  const result = await work();
  const ownUsed = own() - ownBefore;
  const databaseUsed = database ? database() - databaseBefore : 0;
  const perOperation = (seconds: number) => (result.operations ? (seconds * 1000) / result.operations : undefined);
  return {
    ...result,
    cpuPerOperation: perOperation(ownUsed + databaseUsed),
    databaseCpuPerOperation: database ? perOperation(databaseUsed) : undefined,
  };
}

/** The p-th percentile of ascending `sorted` samples, by nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface Stats {
  n: number;
  p50: number;
  p95: number;
  max: number;
  /** the middle sample, or the mean of the two middle ones */
  median: number;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1], median };
}
