/**
 * The notification centre of one user: the unread count of the bell, the paged list, marking as
 * read, and which notifications also arrive by e-mail. A user only ever reads or changes its own.
 */
import type { Role } from "@/lib/accounts/roles";
import { recordAudit, type AuditActor } from "@/lib/audit/audit";
import type { Database } from "@/lib/db/database";
import { DomainError } from "@/lib/errors";
import { emailField } from "@/lib/accounts/users-schema";
import { parseInput, z } from "@/lib/validation";
import { NOTIFICATION_TYPES_BY_ROLE, type NotificationType } from "./catalog";

export const NOTIFICATIONS_PAGE_SIZE = 20;

export function unreadCount(db: Database, userId: number): Promise<number> {
  return db.prisma.notification.count({ where: { userId, readAt: null } });
}

export async function listNotifications(db: Database, userId: number, { page = 1, unreadOnly = false }: { page?: number; unreadOnly?: boolean } = {}) {
  const where = { userId, ...(unreadOnly ? { readAt: null } : {}) };
  const [total, unread, items] = await Promise.all([
    db.prisma.notification.count({ where }),
    unreadCount(db, userId),
    db.prisma.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PAGE_SIZE,
      take: NOTIFICATIONS_PAGE_SIZE,
      select: { id: true, type: true, title: true, body: true, link: true, orderCode: true, createdAt: true, readAt: true },
    }),
  ]);
  return { total, unread, items };
}

/** Marks one of the user's notifications read (another user's is "not found"). */
export async function markRead(db: Database, userId: number, id: number, now = new Date()): Promise<void> {
  if (!Number.isSafeInteger(id)) throw new DomainError("not_found", "NOTIFICACION_NO_ENCONTRADA", "No existe esa notificación.");
  const found = await db.prisma.notification.findUnique({ where: { id }, select: { userId: true, readAt: true } });
  if (!found || found.userId !== userId) throw new DomainError("not_found", "NOTIFICACION_NO_ENCONTRADA", "No existe esa notificación.");
  if (!found.readAt) await db.prisma.notification.update({ where: { id }, data: { readAt: now } });
}

export async function markAllRead(db: Database, userId: number, now = new Date()): Promise<number> {
  return (await db.prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: now } })).count;
}

export interface EmailSettings {
  email: string | null;
  types: NotificationType[];
  /** the types this user's role can receive */
  available: readonly NotificationType[];
}

export async function emailSettings(db: Database, user: { userId: number; role: Role }): Promise<EmailSettings> {
  const [row, preferences] = await Promise.all([
    db.prisma.user.findUniqueOrThrow({ where: { id: user.userId }, select: { email: true } }),
    db.prisma.emailPreference.findMany({ where: { userId: user.userId }, select: { type: true } }),
  ]);
  const available = NOTIFICATION_TYPES_BY_ROLE[user.role];
  return { email: row.email, types: preferences.map((p) => p.type as NotificationType).filter((type) => available.includes(type)), available };
}

const emailSettingsSchema = z.object({
  email: z.union([z.literal(""), emailField]).optional(),
  types: z.array(z.string()).default([]),
});
export type EmailSettingsInput = z.input<typeof emailSettingsSchema>;

/** Saves the user's address and the notifications it wants by e-mail (only its role's). */
export async function saveEmailSettings(db: Database, actor: AuditActor & { userId: number; role: Role }, raw: EmailSettingsInput): Promise<void> {
  const input = parseInput(emailSettingsSchema, raw);
  const available = NOTIFICATION_TYPES_BY_ROLE[actor.role];
  const unknown = input.types.filter((type) => !(available as readonly string[]).includes(type));
  if (unknown.length) throw new DomainError("invalid", "AVISO_NO_DISPONIBLE", "Su perfil no recibe esos avisos.", { types: ["Elija solo avisos de su perfil."] });
  const email = input.email || null;
  if (input.types.length > 0 && !email) {
    throw new DomainError("invalid", "CORREO_REQUERIDO", "Ingrese su correo electrónico para recibir avisos por correo.", {
      email: ["Ingrese su correo electrónico para recibir avisos por correo."],
    });
  }
  await db.transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true, username: true } });
    await tx.emailPreference.deleteMany({ where: { userId: actor.userId } });
    if (input.types.length) await tx.emailPreference.createMany({ data: [...new Set(input.types)].map((type) => ({ userId: actor.userId, type })) });
    if (before.email !== email) {
      await tx.user.update({ where: { id: actor.userId }, data: { email } });
      await recordAudit(tx, actor, { action: "USER_EMAIL_CHANGED", target: `usuario ${before.username}`, detail: email ?? "sin correo" });
    }
  });
}
