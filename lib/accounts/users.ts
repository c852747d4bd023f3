/**
 * Accounts: the administrator creates users for an agent, resets passwords, deactivates and
 * reactivates them; every user changes its own password. Each change is audited in its own
 * transaction, and anything that should end the user's sessions bumps sessionVersion.
 */
import { LEGACY_SYSTEM_USERNAME } from "@/lib/legacy/system-user";
import { randomInt } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import { lockedMessage, type SignInLimiter } from "@/lib/auth/lockout";
import type { Database } from "@/lib/db/database";
import { DomainError } from "@/lib/errors";
import type { AgentType } from "@/lib/registry/agent-types";
import { parseInput } from "@/lib/validation";
import { passwordProblem } from "./common-passwords";
import { hashPassword, verifyPassword } from "./password";
import { changePasswordSchema, newPasswordField, type ChangePasswordInput } from "./password-policy";
import { ROLE_LABELS, roleFitsAgentType, type Role } from "./roles";
import { createUserSchema, userEmailSchema, type CreateUserInput } from "./users-schema";

/** A temporary password: 16 characters from an alphabet without look-alikes (≈ 90 bits). */
export function temporaryPassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  let text = "";
  for (let i = 0; i < 16; i++) text += alphabet[randomInt(alphabet.length)];
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8, 12)}-${text.slice(12)}`;
}

/** Creates the user with a temporary password (shown once), to be changed at first sign-in. */
export async function createUser(db: Database, actor: AuditActor, raw: CreateUserInput): Promise<{ id: number; temporaryPassword: string }> {
  const input = parseInput(createUserSchema, raw);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id: input.agentId } });
    if (!agent) throw new DomainError("not_found", "AGENTE_NO_EXISTE", "El agente no existe.", { agentId: ["Seleccione un agente."] });
    if (!roleFitsAgentType(input.role, agent.type as AgentType)) {
      throw new DomainError("rule", "ROL_NO_PERMITIDO", `El rol ${ROLE_LABELS[input.role]} no corresponde al tipo de agente de ${agent.businessName}.`, {
        role: ["Este rol no corresponde al tipo de agente."],
      });
    }
    if (await tx.user.findUnique({ where: { username: input.username } })) {
      throw new DomainError("conflict", "USUARIO_EXISTE", "Ya existe un usuario con ese nombre.", { username: ["Ese usuario ya existe; elija otro."] });
    }
    const user = await tx.user.create({
      data: { username: input.username, fullName: input.fullName, email: input.email, role: input.role, agentId: agent.id, passwordHash, mustChangePassword: true },
    });
    await recordAudit(tx, actor, { action: "USER_CREATED", target: `usuario ${user.username}`, detail: `${ROLE_LABELS[input.role]} de ${agent.businessName}` });
    return { id: user.id, temporaryPassword: password };
  });
}

/** The legacy import's stand-in user (lib/legacy/system-user.ts) never signs in: no password, never active. */
function assertNotSystemUser(username: string): void {
  if (username === LEGACY_SYSTEM_USERNAME) {
    throw new DomainError("rule", "USUARIO_DEL_SISTEMA", "Este usuario solo firma los movimientos importados del SCOP anterior: no ingresa al portal.");
  }
}

/** A new temporary password; the user's sessions end and it must choose its own at sign-in. */
export async function resetPassword(db: Database, actor: AuditActor, userId: number): Promise<{ username: string; temporaryPassword: string }> {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new DomainError("not_found", "USUARIO_NO_EXISTE", "El usuario no existe.");
    assertNotSystemUser(user.username);
    await tx.user.update({ where: { id: userId }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "PASSWORD_RESET", target: `usuario ${user.username}` });
    return { username: user.username, temporaryPassword: password };
  });
}

export async function setUserActive(db: Database, actor: AuditActor, userId: number, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new DomainError("not_found", "USUARIO_NO_EXISTE", "El usuario no existe.");
    if (!active && user.id === actor.userId) {
      throw new DomainError("rule", "AUTODESACTIVACION", "No puede desactivar su propia cuenta.");
    }
    assertNotSystemUser(user.username);
    if (user.active === active) return;
    await tx.user.update({ where: { id: userId }, data: { active, ...(active ? {} : { sessionVersion: { increment: 1 } }) } });
    await recordAudit(tx, actor, { action: active ? "USER_REACTIVATED" : "USER_DEACTIVATED", target: `usuario ${user.username}` });
  });
}

/** The administrator corrects a user's e-mail address (the user can too, in its preferences). */
export async function setUserEmail(db: Database, actor: AuditActor, userId: number, raw: { email: string }): Promise<void> {
  const { email } = parseInput(userEmailSchema, raw);
  await db.transaction(async (tx) => {
    const user = Number.isSafeInteger(userId) ? await tx.user.findUnique({ where: { id: userId } }) : null;
    if (!user) throw new DomainError("not_found", "USUARIO_NO_EXISTE", "El usuario no existe.");
    if (user.email === email) return;
    await tx.user.update({ where: { id: userId }, data: { email } });
    await recordAudit(tx, actor, { action: "USER_EMAIL_CHANGED", target: `usuario ${user.username}`, detail: email });
  });
}

/**
 * "Cambiar Contraseña": checks the current one and the policy; other sessions end. A wrong
 * current password counts as a failed sign-in of the account from that address (the same
 * lockout: a stolen session cannot guess the password without limit), and while the account
 * is locked the current password is not even checked.
 */
export async function changePassword(db: Database, actor: AuditActor & { userId: number }, raw: ChangePasswordInput, limiter: SignInLimiter): Promise<void> {
  const input = parseInput(changePasswordSchema, raw);
  const user = await db.transaction((tx) => tx.user.findUniqueOrThrow({ where: { id: actor.userId } }));
  const ip = actor.ip ?? "desconocida";
  const lockedFor = await limiter.lockedFor(user.username, ip);
  if (lockedFor > 0) throw new DomainError("rule", "BLOQUEADO", lockedMessage(lockedFor));
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    const locked = await limiter.recordFailure(user.username, ip);
    await db.transaction(async (tx) => {
      await recordAudit(tx, actor, { action: "PASSWORD_CHANGE_FAILED", target: `usuario ${user.username}`, detail: "Contraseña actual incorrecta" });
      if (locked > 0) await recordAudit(tx, actor, { action: "LOCKED", target: `usuario ${user.username}`, detail: `Bloqueo temporal de ${Math.ceil(locked / 60)} minutos` });
    });
    if (locked > 0) throw new DomainError("rule", "BLOQUEADO", lockedMessage(locked));
    throw new DomainError("invalid", "CONTRASENA_ACTUAL", "La contraseña actual no es correcta.", { currentPassword: ["La contraseña actual no es correcta."] });
  }
  await limiter.recordSuccess(user.username, ip);
  const problem = passwordProblem(input.newPassword, user.username);
  if (problem) throw new DomainError("invalid", "CONTRASENA_DEBIL", problem, { newPassword: [problem] });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } } });
    await recordAudit(tx, actor, { action: "PASSWORD_CHANGED", target: `usuario ${user.username}` });
  });
}

/** The policy alone (for seeds and tests): throws a DomainError when the password is refused. */
export function assertPasswordAllowed(password: string, username?: string): void {
  const parsed = newPasswordField().safeParse(password);
  const problem = parsed.success ? passwordProblem(password, username) : parsed.error.issues[0].message;
  if (problem) throw new DomainError("invalid", "CONTRASENA_DEBIL", problem, { newPassword: [problem] });
}

export type { CreateUserInput, Role };
