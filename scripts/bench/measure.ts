/** One cell of the benchmark's table: throughput and latency percentiles of successful operations. */
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
