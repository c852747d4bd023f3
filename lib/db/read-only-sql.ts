/**
 * The `sql` template on a read-only connection of its own, for a process or thread that has no
 * Database and only reads: the movement log's leaf workers (lib/log/leaf-worker.ts), which read
 * the rows of millions of leaves beside the command-line sequencer and verifier. Like
 * read-stream.ts, a second connection beside lib/db's serialized writer is safe only because it
 * cannot write (SQLite `readonly`; PostgreSQL `default_transaction_read_only`). Each statement
 * is rendered with its engine's dialect, so the same queries run here as on the app's runners.
 */
import type BetterSqlite3 from "better-sqlite3";
import { dialectOf, engineOf } from "./engine";
import { render, type Sql, type SqlStatements } from "./sql";

export interface ReadOnlySql extends SqlStatements {
  close(): Promise<void>;
}

const readOnly = (): Promise<never> => Promise.reject(new Error("esta conexión solo lee"));

/** A read-only connection to `url`'s database; only the engine's own driver is loaded. */
export async function openReadOnlySql(url: string): Promise<ReadOnlySql> {
  const dialect = dialectOf(engineOf(url));
  const rendered = (query: Sql) => {
    const { text, values } = render(query, dialect);
    return { text, values: values.map(dialect.bind) };
  };
  const file = dialect.file(url, process.cwd());
  if (file !== null) {
    const { default: Sqlite } = await import("better-sqlite3");
    const connection = new Sqlite(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
    // the same texts come back batch after batch: keep them prepared
    const prepared = new Map<string, BetterSqlite3.Statement>();
    return {
      async all<T>(query: Sql) {
        const { text, values } = rendered(query);
        let statement = prepared.get(text);
        if (!statement) prepared.set(text, (statement = connection.prepare(text)));
        return statement.all(...values) as T[];
      },
      run: readOnly,
      writeGuarded: readOnly,
      async close() {
        connection.close();
      },
    };
  }
  const { default: pg } = await import("pg");
  const TIMESTAMP = 1114;
  const INT8 = 20;
  // as postgres-sql.ts: timestamp(3) is UTC wall time read as text, bigint as a number
  const types = {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === TIMESTAMP) return (value: string) => value;
      if (oid === INT8) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format as "text");
    }) as import("pg").CustomTypesConfig["getTypeParser"],
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET default_transaction_read_only = on");
  return {
    async all<T>(query: Sql) {
      const { text, values } = rendered(query);
      return (await client.query({ text, values, types })).rows as T[];
    },
    run: readOnly,
    writeGuarded: readOnly,
    close: () => client.end(),
  };
}
