/**
 * A worker thread of the leaf-hash pool (lib/log/leaf-pool.ts): on its own read-only connection it
 * reads the rows of the leaves it is given and returns their leaf hashes. The command-line
 * sequencer and verifier spread millions of leaves over the machine's cores this way.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openReadOnlySql } from "@/lib/db/read-only-sql";
import { leafOf, type LeafKind } from "./leaf";
import { hasher, sha256 } from "./node-crypto";
import { recordsOf, saltsFor } from "./records";

interface Data {
  url: string;
  saltKey: Uint8Array;
}

const { url, saltKey } = workerData as Data;

const connection = await openReadOnlySql(url);

parentPort!.on("message", async (message: { id: number; sources: [LeafKind, number][] } | "close") => {
  if (message === "close") {
    await connection.close();
    parentPort!.close();
    return;
  }
  try {
    const sources = message.sources.map(([kind, id]) => ({ kind, id }));
    const records = await recordsOf(connection, sources);
    const salts = saltsFor(saltKey, sources);
    const hashes = new Uint8Array(sources.length * 32);
    const missing = new Uint8Array(sources.length);
    sources.forEach((source, i) => {
      const record = records.get(`${source.kind}:${source.id}`);
      if (!record) missing[i] = 1;
      else hashes.set(hasher.leaf(leafOf(sha256, record, salts.subarray(i * 32, i * 32 + 32))), i * 32);
    });
    parentPort!.postMessage({ id: message.id, hashes, missing }, [hashes.buffer, missing.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: (error as Error).message });
  }
});
