/**
 * "Sesiones abiertas" of "Seguridad de la cuenta": a user sees where its account is signed in and,
 * after typing its password again, ends every session but the one it is using (ASVS 5.0 7.5.2).
 * The password is checked under the sign-in lockout, like "Cambiar Contraseña".
 */
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import { lockedMessage, type SignInLimiter } from "@/lib/auth/lockout";
import { endOtherSessions } from "@/lib/auth/sessions";
import type { Database } from "@/lib/db/database";
import { DomainError } from "@/lib/errors";
import { verifyPassword } from "./password";

export async function endOtherSessionsWithPassword(
  db: Database,
  actor: AuditActor & { userId: number; sessionId: string },
  password: string,
  limiter: SignInLimiter,
): Promise<{ ended: number }> {
  const user = await db.transaction((tx) => tx.user.findUniqueOrThrow({ where: { id: actor.userId } }));
  const ip = actor.ip ?? "desconocida";
  const lockedFor = await limiter.lockedFor(user.username, ip);
  if (lockedFor > 0) throw new DomainError("rule", "BLOQUEADO", lockedMessage(lockedFor));
  if (typeof password !== "string" || !(await verifyPassword(user.passwordHash, password))) {
    const locked = await limiter.recordFailure(user.username, ip);
    if (locked > 0) throw new DomainError("rule", "BLOQUEADO", lockedMessage(locked));
    throw new DomainError("invalid", "CONTRASENA_ACTUAL", "La contraseña no es correcta.", { password: ["La contraseña no es correcta."] });
  }
  return db.transaction(async (tx) => {
    const ended = await endOtherSessions(tx, user.id, actor.sessionId);
    await recordAudit(tx, actor, { action: "SESSIONS_ENDED", target: `usuario ${user.username}`, detail: `${ended} ${ended === 1 ? "sesión cerrada" : "sesiones cerradas"}` });
    return { ended };
  });
}
