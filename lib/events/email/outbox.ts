/** The portal's e-mail outbox as the administrator reads it ("Correos"): every message, newest first. */
import type { Database } from "@/lib/db/database";

export const EMAIL_STATUSES = ["PENDIENTE", "ENVIADO", "RETENIDO", "FALLIDO"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export const EMAIL_STATUS_LABELS: Record<EmailStatus, string> = {
  PENDIENTE: "Pendiente de envío",
  ENVIADO: "Enviado",
  RETENIDO: "En la bandeja (sin servidor SMTP)",
  FALLIDO: "Fallido",
};

export const EMAILS_PAGE_SIZE = 25;

export async function listEmails(db: Database, { page = 1, status, to }: { page?: number; status?: EmailStatus; to?: string } = {}) {
  const where = { ...(status ? { status } : {}), ...(to ? { toAddress: { contains: to.toLowerCase() } } : {}) };
  const [total, messages, counts] = await Promise.all([
    db.prisma.emailMessage.count({ where }),
    db.prisma.emailMessage.findMany({
      where,
      orderBy: { id: "desc" },
      skip: (page - 1) * EMAILS_PAGE_SIZE,
      take: EMAILS_PAGE_SIZE,
      include: { user: { select: { username: true, fullName: true } } },
    }),
    db.prisma.emailMessage.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  return { total, messages, counts: Object.fromEntries(counts.map((row) => [row.status, row._count._all])) as Partial<Record<EmailStatus, number>> };
}
