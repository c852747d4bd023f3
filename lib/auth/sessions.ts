/**
 * Server-side sessions. The session cookie is a signed JWT (next-auth), which alone cannot be
 * taken back: so each sign-in is also a row of user_sessions, the JWT carries its id, and a
 * session is valid only while its row is open. Signing out closes the row, and a copied cookie
 * stops working at once; a user can also close its other sessions ("Seguridad de la cuenta").
 */
import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/database";

export interface OpenSession {
  id: string;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
}

/** A new session of the user; answers its id, for the JWT. */
export async function openSession(tx: Tx, userId: number, client: { ip: string | null; userAgent: string | null }, now = new Date()): Promise<string> {
  const id = randomBytes(16).toString("base64url");
  await tx.userSession.create({ data: { id, userId, createdAt: now, ip: client.ip, userAgent: client.userAgent?.slice(0, 300) ?? null } });
  return id;
}

/** Whether this session of this user is still open. */
export async function sessionIsOpen(tx: Tx, userId: number, sessionId: string): Promise<boolean> {
  const session = await tx.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, endedAt: true } });
  return session !== null && session.userId === userId && session.endedAt === null;
}

/** Ends one session (sign-out); answers whether it was open. */
export async function endSession(tx: Tx, userId: number, sessionId: string, now = new Date()): Promise<boolean> {
  const ended = await tx.userSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: now } });
  return ended.count === 1;
}

/** Ends every open session of the user but `keep`; answers how many ended. */
export async function endOtherSessions(tx: Tx, userId: number, keep: string, now = new Date()): Promise<number> {
  const ended = await tx.userSession.updateMany({ where: { userId, endedAt: null, id: { not: keep } }, data: { endedAt: now } });
  return ended.count;
}

/**
 * The user's open sessions started within `maxAgeMs` (older ones have passed the absolute limit
 * and are dead anyway), newest first.
 */
export async function openSessions(tx: Tx, userId: number, maxAgeMs: number, now = new Date()): Promise<OpenSession[]> {
  return tx.userSession.findMany({
    where: { userId, endedAt: null, createdAt: { gt: new Date(now.getTime() - maxAgeMs) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, ip: true, userAgent: true },
  });
}
