/**
 * Idempotency-Key for POSTs. The record is inserted first, with status 0 (in progress), under the
 * unique (api_key_id, key) constraint: a concurrent duplicate finds it and is told the first is
 * still running, so the two never both execute. When the work ends its status and body are stored
 * (2xx and 4xx alike); a repeat of the same request replays them. A 5xx means the work's
 * transaction rolled back, so the record is removed and the caller may retry with the same key.
 */
import { createHash } from "node:crypto";
import type { Database } from "@/lib/db/database";
import { fromSqlDate } from "@/lib/db/sql";
import type { IdempotencyRecord } from "@/lib/generated/sqlite/client";
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

export type Claim = { kind: "claimed"; id: number } | { kind: "existing"; record: IdempotencyRecord };

const RECORD_COLUMNS = `id, api_key_id AS "apiKeyId", "key", method, path, request_hash AS "requestHash", status,
  response_body AS "responseBody", created_at AS "createdAt"`;

/**
 * Inserts the in-progress record, or returns the one already there. One plain statement on the
 * common path (no interactive transaction): the unique constraint decides which of two duplicates wins.
 */
export async function claim(db: Database, request: IdempotencyRequest): Promise<Claim> {
  for (let attempt = 1; ; attempt++) {
    const [created] = await db.sql.all<{ id: number }>(
      `INSERT INTO idempotency_records (api_key_id, "key", method, path, request_hash, status, created_at)
       VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT (api_key_id, "key") DO NOTHING RETURNING id`,
      [request.apiKeyId, request.key, request.method, request.path, request.requestHash, new Date()],
    );
    if (created) return { kind: "claimed", id: created.id };
    const [record] = await db.sql.all<IdempotencyRecord>(`SELECT ${RECORD_COLUMNS} FROM idempotency_records WHERE api_key_id = ? AND "key" = ?`, [
      request.apiKeyId,
      request.key,
    ]);
    if (record) return { kind: "existing", record: { ...record, createdAt: fromSqlDate(record.createdAt) } };
    // The other request's work failed and released its record: claim it again.
    if (attempt >= 3) throw new Error(`idempotency record ${request.key} keeps appearing and disappearing`);
  }
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
  if (record.status === 0 || record.responseBody === null) {
    throw new ApiProblem(409, "IDEMPOTENCIA_EN_CURSO", "Una solicitud con esta Idempotency-Key todavía se está procesando. Reintente en unos segundos.");
  }
  return { status: record.status, body: JSON.parse(record.responseBody) };
}

export async function complete(db: Database, id: number, status: number, body: unknown): Promise<void> {
  await db.sql.run("UPDATE idempotency_records SET status = ?, response_body = ? WHERE id = ?", [status, JSON.stringify(body), id]);
}

export async function release(db: Database, id: number): Promise<void> {
  await db.sql.run("DELETE FROM idempotency_records WHERE id = ? AND status = 0", [id]);
}
