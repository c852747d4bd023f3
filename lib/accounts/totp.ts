/**
 * Second factor: TOTP (RFC 6238, 6 digits, 30 s — what authenticator apps use) and ten one-time
 * recovery codes. Required for ADMINISTRADOR and REGULADOR, optional for the other roles.
 */
import { createHash, randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import type { Database, Tx } from "@/lib/db/database";
import { DomainError } from "@/lib/errors";
import type { Role } from "./roles";

export const TOTP_ISSUER = "SCOP GLP";
export const RECOVERY_CODE_COUNT = 10;

export function totpRequired(role: Role): boolean {
  return role === "ADMINISTRADOR" || role === "REGULADOR";
}

export function otpauthUri(username: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: username, secret });
}

/**
 * The time step (Unix time / 30 s) of which `token` is the code — this step or the one before or
 * after (clock drift) — or null. A step at or before `afterStep` (the last one accepted) is
 * refused: a code is good once (RFC 6238 §5.2).
 */
export async function verifyTotp(secret: string, token: string, afterStep?: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = await verify({ secret, token, epochTolerance: 30, ...(afterStep != null ? { afterTimeStep: afterStep } : {}) });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/**
 * Spends a time step of the user's second factor: true when it is later than the last one
 * accepted. One conditional UPDATE, so of two sign-ins racing with the same code one wins.
 */
async function spendTimeStep(tx: Tx, userId: number, step: number): Promise<boolean> {
  const spent = await tx.user.updateMany({
    where: { id: userId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return spent.count === 1;
}

const hashCode = (code: string) => createHash("sha256").update(code.replace(/[\s-]/g, "").toUpperCase()).digest("hex");

function recoveryCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let text = "";
  for (let i = 0; i < 10; i++) text += alphabet[randomInt(alphabet.length)];
  return `${text.slice(0, 5)}-${text.slice(5)}`;
}

/** Starts (or restarts) enrollment: a new secret, not yet in force until confirmed with a code. */
export async function beginTotpEnrollment(db: Database, userId: number): Promise<{ secret: string; uri: string }> {
  return db.transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId } });
    if (user.totpEnabledAt) throw new DomainError("conflict", "TOTP_YA_ACTIVO", "El segundo factor ya está activado.");
    const secret = user.totpSecret ?? generateSecret();
    if (!user.totpSecret) await tx.user.update({ where: { id: userId }, data: { totpSecret: secret } });
    return { secret, uri: otpauthUri(user.username, secret) };
  });
}

/** Confirms enrollment with a first code; answers the ten recovery codes, shown once. */
export async function confirmTotpEnrollment(db: Database, actor: AuditActor & { userId: number }, token: string): Promise<string[]> {
  const user = await db.transaction((tx) => tx.user.findUniqueOrThrow({ where: { id: actor.userId } }));
  if (user.totpEnabledAt) throw new DomainError("conflict", "TOTP_YA_ACTIVO", "El segundo factor ya está activado.");
  const step = user.totpSecret ? await verifyTotp(user.totpSecret, token.trim(), user.totpLastStep) : null;
  if (step === null) {
    throw new DomainError("invalid", "CODIGO_INVALIDO", "El código de verificación no es válido. Revise la hora de su teléfono e ingrese el código actual.", {
      code: ["Código de verificación incorrecto."],
    });
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, recoveryCode);
  await db.transaction(async (tx) => {
    // the enrollment's code is spent too: it cannot sign in a second time
    const updated = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: null, totpSecret: user.totpSecret },
      data: { totpEnabledAt: new Date(), totpLastStep: step },
    });
    if (updated.count === 0) throw new DomainError("conflict", "TOTP_YA_ACTIVO", "El segundo factor ya está activado.");
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId: user.id, codeHash: hashCode(code) })) });
    await recordAudit(tx, actor, { action: "TOTP_ENABLED", target: `usuario ${user.username}` });
  });
  return codes;
}

/** Turns the second factor off (only for roles that do not require it). */
export async function disableTotp(db: Database, actor: AuditActor & { userId: number; role: Role }): Promise<void> {
  if (totpRequired(actor.role)) {
    throw new DomainError("rule", "TOTP_OBLIGATORIO", "Su perfil requiere el segundo factor: no puede desactivarlo.");
  }
  await db.transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { totpSecret: null, totpEnabledAt: null, sessionVersion: { increment: 1 } } });
    await tx.recoveryCode.deleteMany({ where: { userId: actor.userId } });
    await recordAudit(tx, actor, { action: "TOTP_DISABLED", target: `usuario ${actor.username}` });
  });
}

/**
 * Checks a sign-in's second factor: a current TOTP code not used before (its time step is then
 * spent), or an unused recovery code (then spent), in the same transaction. Answers how it was
 * satisfied, or null.
 */
export async function checkSecondFactor(
  tx: Tx,
  user: { id: number; totpSecret: string | null; totpLastStep: number | null },
  otp: string,
): Promise<"totp" | "recovery" | null> {
  const typed = otp.trim();
  const step = user.totpSecret ? await verifyTotp(user.totpSecret, typed, user.totpLastStep) : null;
  if (step !== null) return (await spendTimeStep(tx, user.id, step)) ? "totp" : null;
  if (typed.replace(/[\s-]/g, "").length !== 10) return null;
  const spent = await tx.recoveryCode.updateMany({ where: { userId: user.id, codeHash: hashCode(typed), usedAt: null }, data: { usedAt: new Date() } });
  return spent.count > 0 ? "recovery" : null;
}

export async function remainingRecoveryCodes(tx: Tx, userId: number): Promise<number> {
  return tx.recoveryCode.count({ where: { userId, usedAt: null } });
}
