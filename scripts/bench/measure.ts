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

/** Runs `work` and charges the CPU seconds that `cpu()` counts meanwhile to its operations. */
export async function withCpu(cpu: () => number, work: () => Promise<Measurement>, databaseCpu?: () => number): Promise<Measurement> {
  const before = cpu();
  const databaseBefore = databaseCpu?.() ?? 0;
  const result = await work();
  const used = cpu() - before;
  const perOperation = (seconds: number) => (result.operations ? (seconds * 1000) / result.operations : undefined);
  return {
    ...result,
    cpuPerOperation: perOperation(used),
    databaseCpuPerOperation: databaseCpu ? perOperation(databaseCpu() - databaseBefore) : undefined,
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
