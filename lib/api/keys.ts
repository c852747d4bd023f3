/**
 * API keys: `scop_<prefix>_<secret>`, sent as `Authorization: Bearer <key>`. The prefix (public)
 * finds the row; only the SHA-256 of the secret is stored, and it is compared in constant time.
 * A key acts for its agent with the role of the user who created it, while that user is active.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Role } from "@/lib/accounts/roles";
import type { Database } from "@/lib/db/database";
import { fromSqlDate, sql } from "@/lib/db/sql";
import { DomainError } from "@/lib/errors";
import type { Actor } from "@/lib/orders/context";
import { parseInput, z } from "@/lib/validation";

const KEY_PATTERN = /^scop_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{32})$/;
/** lastUsedAt is written at most once a minute per key, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const apiKeyNameSchema = z.object({
  name: z
    .string({ error: "Ingrese el nombre de la clave." })
    .trim()
    .min(1, { message: "Ingrese el nombre de la clave." })
    .max(100, { message: "El nombre de la clave admite como máximo 100 caracteres." }),
});

/** Who calls through a key: an Actor, plus the key (for rate limits and idempotency). */
export interface ApiActor extends Actor {
  apiKeyId: number;
}

export interface CreatedApiKey {
  id: number;
  /** the full key: shown once, never stored */
  key: string;
  prefix: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function createApiKey(db: Database, user: Actor, name: string): Promise<CreatedApiKey> {
  const input = parseInput(apiKeyNameSchema, { name });
  const prefix = randomBytes(9).toString("base64url"); // 12 characters
  const secret = randomBytes(24).toString("base64url"); // 32 characters
  const created = await db.transaction((tx) =>
    tx.apiKey.create({
      data: {
        agentId: user.agentId,
        createdByUserId: user.userId,
        name: input.name,
        role: user.role,
        prefix,
        secretHash: sha256(secret),
      },
    }),
  );
  return { id: created.id, key: `scop_${prefix}_${secret}`, prefix };
}

/** Revokes one of the keys of the user's own agent; any other key is "not found". */
export async function revokeApiKey(db: Database, user: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const key = Number.isSafeInteger(id) ? await tx.apiKey.findUnique({ where: { id } }) : null;
    if (!key || key.agentId !== user.agentId) {
      throw new DomainError("not_found", "CLAVE_NO_ENCONTRADA", "No existe esa clave de API entre las de su agente.");
    }
    if (key.revokedAt) throw new DomainError("conflict", "CLAVE_YA_REVOCADA", `La clave «${key.name}» ya estaba revocada.`);
    await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  });
}

/** The agent's keys, newest first (never their secrets). */
export function listApiKeys(db: Database, user: Actor) {
  return db.transaction((tx) =>
    tx.apiKey.findMany({
      where: { agentId: user.agentId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, name: true, prefix: true, role: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    }),
  );
}

interface KeyRow {
  id: number;
  agentId: number;
  userId: number;
  role: string;
  secretHash: string;
  lastUsedAt: unknown;
  revokedAt: unknown;
  /** boolean on PostgreSQL, 0/1 on SQLite */
  active: boolean | number;
  userAgentId: number;
}

/**
 * The actor behind an `Authorization` header, or null: missing, malformed, unknown, wrong or revoked.
 * On the hot path of every API call, so it is one indexed read in plain SQL outside any
 * transaction, plus a conditional write of lastUsedAt at most once a minute per key.
 */
export async function authenticateApiKey(db: Database, header: string | null | undefined): Promise<ApiActor | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  const parts = match && KEY_PATTERN.exec(match[1]);
  if (!parts) return null;
  const [, prefix, secret] = parts;
  const now = new Date();
  const [key] = await db.sql.all<KeyRow>(
    sql.prepared`SELECT k.id, k.agent_id AS "agentId", k.created_by_user_id AS "userId", k.role, k.secret_hash AS "secretHash",
            k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt", u.active, u.agent_id AS "userAgentId"
     FROM api_keys k JOIN users u ON u.id = k.created_by_user_id WHERE k.prefix = ${prefix}`,
  );
  if (!key) return null;
  const valid = timingSafeEqual(Buffer.from(sha256(secret), "hex"), Buffer.from(key.secretHash, "hex"));
  if (!valid || key.revokedAt !== null || !key.active || key.userAgentId !== key.agentId) return null;
  const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (key.lastUsedAt === null || fromSqlDate(key.lastUsedAt) <= stale) {
    // Conditional, so concurrent calls that all saw a stale value write it once.
    await db.sql.run(sql.prepared`UPDATE api_keys SET last_used_at = ${now} WHERE id = ${key.id} AND (last_used_at IS NULL OR last_used_at <= ${stale})`);
  }
  return { apiKeyId: key.id, userId: key.userId, agentId: key.agentId, role: key.role as Role };
}
