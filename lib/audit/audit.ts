/**
 * The audit log (audit_events): sign-ins, failures, locks and every administrative change, with
 * who, when, from which address and on what. Rows are only ever inserted (the database refuses
 * UPDATE and DELETE); each is written in the same transaction as the change it records.
 */
import type { Tx } from "@/lib/db/database";
import type { Engine } from "@/lib/db/engine";
import { sql, type SqlStatements } from "@/lib/db/sql";
import { containsIgnoringCase } from "@/lib/db/text-filter";

export const AUDIT_ACTIONS = [
  "SIGN_IN",
  "SIGN_IN_FAILED",
  "LOCKED",
  "SIGN_OUT",
  "SESSIONS_ENDED",
  "PASSWORD_CHANGED",
  "PASSWORD_CHANGE_FAILED",
  "PASSWORD_RESET",
  "USER_CREATED",
  "USER_DEACTIVATED",
  "USER_REACTIVATED",
  "AGENT_CREATED",
  "AGENT_UPDATED",
  "AGENT_SUSPENDED",
  "AGENT_REINSTATED",
  "AGENTS_IMPORTED",
  "TRUCK_CREATED",
  "TRUCK_UPDATED",
  "TRUCK_SUSPENDED",
  "TRUCK_REINSTATED",
  "TRUCK_CANCELLED",
  "TRUCKS_IMPORTED",
  "LEGACY_ORDERS_IMPORTED",
  "TOTP_ENABLED",
  "TOTP_DISABLED",
  "RECOVERY_CODE_USED",
  "USER_EMAIL_CHANGED",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  SIGN_IN: "Ingreso",
  SIGN_IN_FAILED: "Ingreso fallido",
  LOCKED: "Cuenta bloqueada temporalmente",
  SIGN_OUT: "Salida",
  SESSIONS_ENDED: "Cierre de las demás sesiones",
  PASSWORD_CHANGED: "Cambio de contraseña",
  PASSWORD_CHANGE_FAILED: "Cambio de contraseña fallido",
  PASSWORD_RESET: "Restablecimiento de contraseña",
  USER_CREATED: "Usuario creado",
  USER_DEACTIVATED: "Usuario desactivado",
  USER_REACTIVATED: "Usuario reactivado",
  AGENT_CREATED: "Agente inscrito",
  AGENT_UPDATED: "Agente modificado",
  AGENT_SUSPENDED: "Inscripción suspendida",
  AGENT_REINSTATED: "Inscripción rehabilitada",
  AGENTS_IMPORTED: "Importación de agentes",
  TRUCK_CREATED: "Cisterna inscrita",
  TRUCK_UPDATED: "Cisterna modificada",
  TRUCK_SUSPENDED: "Cisterna suspendida",
  TRUCK_REINSTATED: "Cisterna rehabilitada",
  TRUCK_CANCELLED: "Inscripción de cisterna cancelada",
  TRUCKS_IMPORTED: "Importación de cisternas",
  LEGACY_ORDERS_IMPORTED: "Importación de órdenes del SCOP anterior",
  TOTP_ENABLED: "Segundo factor activado",
  TOTP_DISABLED: "Segundo factor desactivado",
  RECOVERY_CODE_USED: "Código de recuperación usado",
  USER_EMAIL_CHANGED: "Cambio de correo electrónico",
};

/** Who did it: the signed-in user (or nobody known, for a failed sign-in) and its address. */
export interface AuditActor {
  userId: number | null;
  username: string;
  ip: string | null;
}

export interface AuditEntry {
  action: AuditAction;
  target?: string;
  detail?: string;
}

export async function recordAudit(tx: Tx, actor: AuditActor, entry: AuditEntry, at = new Date()): Promise<void> {
  await tx.auditEvent.create({
    data: {
      at,
      userId: actor.userId,
      username: actor.username.slice(0, 64),
      ip: actor.ip,
      action: entry.action,
      target: entry.target ?? null,
      detail: entry.detail ? entry.detail.slice(0, 500) : null,
    },
  });
}

/** The same row through the plain SQL runner (lib/db/sql.ts), for work that runs there (an API POST's). */
export async function recordAuditSql(tx: SqlStatements, actor: AuditActor, entry: AuditEntry, at = new Date()): Promise<void> {
  await tx.run(
    sql`INSERT INTO audit_events (at, user_id, username, ip, action, target, detail)
        VALUES (${at}, ${actor.userId}, ${actor.username.slice(0, 64)}, ${actor.ip}, ${entry.action}, ${entry.target ?? null}, ${entry.detail ? entry.detail.slice(0, 500) : null})`,
  );
}

export interface AuditFilter {
  action?: AuditAction;
  username?: string;
  from?: Date;
  to?: Date;
  page: number;
}

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(tx: Tx, engine: Engine, filter: AuditFilter) {
  const where = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.username ? { username: containsIgnoringCase(engine, filter.username) } : {}),
    ...(filter.from || filter.to ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
  const [total, events] = await Promise.all([
    tx.auditEvent.count({ where }),
    tx.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return { total, events };
}
