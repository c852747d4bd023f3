/**
 * Idempotency-Key for POSTs: the answer to the first request with a key is stored, under the
 * unique (api_key_id, key) constraint, in the same commit as the work it answers (answerOnce); a
 * repeat of the same request gets it again, a different request with the same key is refused.
 */
import { createHash } from "node:crypto";
import type { Database } from "@/lib/db/database";
import { IDEMPOTENCY_RECORD } from "@/lib/db/rows";
import { sql, type SqlStatements } from "@/lib/db/sql";
import type { IdempotencyRecord } from "@/lib/generated/sqlite/client";
import type { OrdersDatabase } from "@/lib/orders/context";
import { ApiProblem } from "./problem";

const HEADER_PATTERN = /^[\x20-\x7E]{1,200}$/;

/** The header's value, or null when absent; a malformed value is a 400. */
export function idempotencyKeyOf(request: Request): string | null {
  const value = request.headers.get("idempotency-key");
  if (value === null) return null;
  if (!HEADER_PATTERN.test(value)) {
    throw new ApiProblem(400, "DATOS_INVALIDOS", "La cabecera Idempotency-Key debe tener entre 1 y 200 caracteres imprimibles.", {
      "Idempotency-Key": ["Debe tener entre 1 y 200 caracteres imprimibles (ASCII)."],
    });
  }
  return value;
}

/** JSON with object keys sorted, so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** SHA-256 of the canonical body; a body that is not JSON is hashed as sent. */
export function requestHash(text: string): string {
  let material: string;
  try {
    material = text.trim() === "" ? "" : `json:${canonical(JSON.parse(text))}`;
  } catch {
    material = `raw:${text}`;
  }
  return createHash("sha256").update(material).digest("hex");
}

export interface IdempotencyRequest {
  apiKeyId: number;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

async function storedRecord(statements: SqlStatements, request: IdempotencyRequest): Promise<IdempotencyRecord | null> {
  const [record] = await statements.all(
    sql.prepared`SELECT ${IDEMPOTENCY_RECORD.select("r")} FROM idempotency_records r WHERE r.api_key_id = ${request.apiKeyId} AND r."key" = ${request.key}`,
  );
  return record ? IDEMPOTENCY_RECORD.from(record) : null;
}

/** Stores the answer unless one is already stored for the key; true when this one was stored. */
async function store(statements: SqlStatements, request: IdempotencyRequest, answer: IdempotentAnswer): Promise<boolean> {
  const stored = await statements.all(
    sql.prepared`INSERT INTO idempotency_records (api_key_id, "key", method, path, request_hash, status, response_body, created_at)
     VALUES (${request.apiKeyId}, ${request.key}, ${request.method}, ${request.path}, ${request.requestHash}, ${answer.status}, ${JSON.stringify(answer.body)}, ${new Date()})
     ON CONFLICT (api_key_id, "key") DO NOTHING RETURNING id`,
  );
  return stored.length === 1;
}

export interface IdempotentAnswer {
  status: number;
  body: unknown;
}

export type Outcome = { kind: "answered"; answer: IdempotentAnswer } | { kind: "stored"; record: IdempotencyRecord };

/** Ends the transaction without its writes, carrying why. */
class Abort {
  constructor(readonly outcome: "refused" | "duplicate", readonly answer?: IdempotentAnswer) {}
}

/**
 * Runs a POST's work at most once per Idempotency-Key. The work and the storing of its answer are
 * one transaction — one commit for the whole request. A repeat, or a duplicate running at the same
 * time, finds the key taken when it stores its own answer (on PostgreSQL after waiting for the
 * first to commit): its work is rolled back and it gets the stored answer. (A repeat therefore
 * does its work once more before it is undone: repeats are rare, and the common path saves a
 * round trip.) A refusal (4xx) rolls back whatever the work wrote and is stored after, so a repeat
 * gets the same refusal; a 5xx is not stored, so the caller may retry with the same key.
 *
 * `work` gets the order services' database (OrdersDatabase: its SQL runner only), joined to this
 * transaction: Prisma is out of its reach, since on SQLite it would wait for the lock this
 * transaction holds.
 */
export async function answerOnce(
  db: Pick<Database, "sql">,
  request: IdempotencyRequest,
  work: (db: OrdersDatabase) => Promise<IdempotentAnswer>,
): Promise<Outcome> {
  try {
    return await db.sql.transaction(async (tx): Promise<Outcome> => {
      const answer = await work(joinedDatabase(tx));
      if (answer.status >= 400) throw new Abort("refused", answer);
      if (!(await store(tx, request, answer))) throw new Abort("duplicate");
      return { kind: "answered", answer };
    });
  } catch (error) {
    if (!(error instanceof Abort)) throw error;
    if (error.outcome === "refused") {
      const answer = error.answer!;
      if (answer.status >= 500 || (await store(db.sql, request, answer))) return { kind: "answered", answer };
    }
    const record = await storedRecord(db.sql, request);
    if (!record) throw new Error(`idempotency record ${request.key} was taken and then disappeared`);
    return { kind: "stored", record };
  }
}

/** The database as `work` sees it: its statements, transactions and snapshots included, join the open transaction. */
function joinedDatabase(tx: SqlStatements): OrdersDatabase {
  return {
    sql: {
      all: (query) => tx.all(query),
      run: (query) => tx.run(query),
      writeGuarded: (guard, writes) => tx.writeGuarded(guard, writes),
      transaction: (inner) => inner(tx),
      snapshot: (inner) => inner(tx),
    },
  };
}

/** What a repeat gets: the stored response, or a problem when it is not the same request. */
export function replayOf(record: IdempotencyRecord, request: IdempotencyRequest): { status: number; body: unknown } {
  if (record.method !== request.method || record.path !== request.path || record.requestHash !== request.requestHash) {
    throw new ApiProblem(
      422,
      "IDEMPOTENCIA_CONFLICTO",
      "Esta Idempotency-Key ya se usó con otra solicitud (otra ruta u otro cuerpo). Use una clave nueva para cada operación.",
    );
  }
  if (record.responseBody === null) throw new Error(`idempotency record ${record.id} has no stored answer`);
  return { status: record.status, body: JSON.parse(record.responseBody) };
}
