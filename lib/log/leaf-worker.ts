/**
 * A worker thread of the leaf-hash pool (lib/log/leaf-pool.ts): on its own read-only connection it
 * reads the rows of the leaves it is given and returns their leaf hashes. The command-line
 * sequencer and verifier spread millions of leaves over the machine's cores this way.
 */
import { parentPort, workerData } from "node:worker_threads";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { engineOf, sqlitePath } from "@/lib/db/engine";
import type { SqlStatements, SqlValue } from "@/lib/db/sql";
import { leafOf, type LeafKind } from "./leaf";
import { hasher, sha256 } from "./node-crypto";
import { recordsOf, saltsFor } from "./records";

interface Data {
  url: string;
  saltKey: Uint8Array;
}

const { url, saltKey } = workerData as Data;

const bind = (values: readonly SqlValue[]) => values.map((value) => (value instanceof Date ? value.toISOString() : value === undefined ? null : value));

async function statements(): Promise<SqlStatements & { close(): Promise<void> }> {
  if (engineOf(url) === "sqlite") {
    const db = new Sqlite(sqlitePath(url), { readonly: true, fileMustExist: true });
    const prepared = new Map<string, Sqlite.Statement>();
    const statement = (text: string) => {
      let found = prepared.get(text);
      if (!found) prepared.set(text, (found = db.prepare(text)));
      return found;
    };
    return {
      all: async <T>(text: string, values: readonly SqlValue[] = []) => statement(text).all(...bind(values)) as T[],
      run: async () => {
        throw new Error("el trabajador del registro solo lee");
      },
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET default_transaction_read_only = on");
  const types = { getTypeParser: ((oid: number, format?: string) => (oid === 1114 ? (v: string) => v : oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text"))) as pg.CustomTypesConfig["getTypeParser"] };
  return {
    all: async <T>(text: string, values: readonly SqlValue[] = []) => {
      let n = 0;
      return (await client.query({ text: text.replace(/\?/g, () => `$${++n}`), values: bind(values), types })).rows as T[];
    },
    run: async () => {
      throw new Error("el trabajador del registro solo lee");
    },
    close: () => client.end(),
  };
}

const connection = await statements();

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
