/**
 * Leaf hashes of many rows at once. In process (the server's timer: small batches), or spread over
 * worker threads, each on its own read-only connection (lib/log/leaf-worker.ts): the command-line
 * sequencer and verifier use every core for the millions of leaves of a large database.
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { SqlStatements } from "@/lib/db/sql";
import { leafOf } from "./leaf";
import { hasher, sha256 } from "./node-crypto";
import { recordsOf, saltsFor, type SourceRef } from "./records";

export interface LeafHashes {
  /** 32 bytes per source, in order (zeros where the row is missing) */
  hashes: Uint8Array;
  /** 1 where the source's row no longer exists */
  missing: Uint8Array;
}

export type LeafHasher = (sources: readonly SourceRef[]) => Promise<LeafHashes>;

/** The leaf hashes computed here, on the caller's connection. */
export function inProcessLeafHasher(tx: SqlStatements, saltKey: Uint8Array): LeafHasher {
  return async (sources) => {
    const records = await recordsOf(tx, sources);
    const salts = saltsFor(saltKey, sources);
    const hashes = new Uint8Array(sources.length * 32);
    const missing = new Uint8Array(sources.length);
    sources.forEach((source, i) => {
      const record = records.get(`${source.kind}:${source.id}`);
      if (!record) missing[i] = 1;
      else hashes.set(hasher.leaf(leafOf(sha256, record, salts.subarray(i * 32, i * 32 + 32))), i * 32);
    });
    return { hashes, missing };
  };
}

/** The scripts run through tsx: so does the worker. */
function startWorker(workerData: unknown): Worker {
  const entry = JSON.stringify(pathToFileURL(path.join(process.cwd(), "lib/log/leaf-worker.ts")).href);
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${entry}); });`, { eval: true, workerData });
}

export interface LeafPool {
  hasher: LeafHasher;
  close(): Promise<void>;
}

/** A pool of worker threads (one per core by default) reading `url` read-only. */
export function startLeafPool(url: string, saltKey: Uint8Array, threads = availableParallelism()): LeafPool {
  const workers = Array.from({ length: Math.max(1, threads) }, () => startWorker({ url, saltKey }));
  let next = 0;
  const pending = new Map<number, { resolve: (value: LeafHashes) => void; reject: (error: Error) => void }>();
  for (const worker of workers) {
    worker.on("message", (message: { id: number; hashes?: Uint8Array; missing?: Uint8Array; error?: string }) => {
      const waiting = pending.get(message.id)!;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error));
      else waiting.resolve({ hashes: message.hashes!, missing: message.missing! });
    });
    worker.on("error", (error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    });
  }
  const ask = (worker: Worker, sources: readonly SourceRef[]) =>
    new Promise<LeafHashes>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, sources: sources.map((source) => [source.kind, source.id]) });
    });
  return {
    async hasher(sources) {
      const share = Math.ceil(sources.length / workers.length);
      const parts = await Promise.all(workers.map((worker, i) => ask(worker, sources.slice(i * share, (i + 1) * share))));
      const hashes = new Uint8Array(sources.length * 32);
      const missing = new Uint8Array(sources.length);
      parts.forEach((part, i) => {
        hashes.set(part.hashes, i * share * 32);
        missing.set(part.missing, i * share);
      });
      return { hashes, missing };
    },
    async close() {
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once("exit", () => resolve());
              worker.postMessage("close");
            }),
        ),
      );
    },
  };
}
