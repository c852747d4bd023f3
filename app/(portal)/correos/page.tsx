import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { EMAILS_PAGE_SIZE, EMAIL_STATUSES, EMAIL_STATUS_LABELS, listEmails, type EmailStatus } from "@/lib/events/email/outbox";
import { eventSettings } from "@/lib/events/settings";
import { database } from "@/lib/next/context";
import { requireUser } from "@/lib/next/session";
import { formatLimaDateTime } from "@/lib/time";

export const metadata = { title: "Correos" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** "Correos": the portal's e-mail outbox — what was sent, what waits, and, without SMTP, what is kept here. */
export default async function EmailsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser("ADMINISTRADOR");
  const raw = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(first(raw.page), 10) || 1));
  const status = (EMAIL_STATUSES as readonly string[]).includes(first(raw.estado)) ? (first(raw.estado) as EmailStatus) : undefined;
  const to = first(raw.para).trim().slice(0, 100);
  const { total, messages, counts } = await listEmails(database(), { page, status, to: to || undefined });
  const kept = Object.fromEntries(Object.entries({ estado: status ?? "", para: to }).filter(([, value]) => value));
  return (
    <div className="space-y-6">
      <PageHeader title="Correos" description="Los correos de notificación que los usuarios eligieron recibir, del más reciente al más antiguo (fecha y hora de Lima)." />
      {eventSettings.smtpUrl() ? (
        <Alert tone="info">Los correos se envían por el servidor SMTP configurado (SCOP_SMTP_URL), con reintentos durante 24 horas.</Alert>
      ) : (
        <Alert tone="warning" title="Sin servidor de correo configurado">
          Defina SCOP_SMTP_URL (p. ej. smtp://usuario:clave@smtp.suempresa.pe:587) para enviarlos; mientras tanto quedan en esta bandeja.
        </Alert>
      )}
      <p className="text-sm text-slate-700">
        {EMAIL_STATUSES.map((value) => `${EMAIL_STATUS_LABELS[value]}: ${counts[value] ?? 0}`).join(" · ")}
      </p>
      <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-3 sm:items-end" noValidate>
        <Field id="estado" label="Estado">
          <select id="estado" name="estado" defaultValue={status ?? ""} className={inputClass}>
            <option value="">Todos</option>
            {EMAIL_STATUSES.map((value) => (
              <option key={value} value={value}>
                {EMAIL_STATUS_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="para" label="Destinatario">
          <input id="para" name="para" defaultValue={to} className={inputClass} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Buscar</Button>
          <ButtonLink href="/correos" variant="secondary">
            Limpiar
          </ButtonLink>
        </div>
      </form>
      <Table caption="Bandeja de correos">
        <thead>
          <tr>
            <th scope="col">Fecha</th>
            <th scope="col">Destinatario</th>
            <th scope="col">Asunto y mensaje</th>
            <th scope="col">Estado</th>
          </tr>
        </thead>
        <tbody>
          {messages.length === 0 ? (
            <tr>
              <td colSpan={4} className="text-slate-600">
                No hay correos con esos criterios.
              </td>
            </tr>
          ) : (
            messages.map((message) => (
              <tr key={message.id}>
                <td className="whitespace-nowrap align-top">{formatLimaDateTime(message.createdAt)}</td>
                <td className="align-top">
                  <span className="break-all font-mono">{message.toAddress}</span>
                  <span className="block text-xs text-slate-600">
                    {message.user.fullName} ({message.user.username})
                  </span>
                </td>
                <td className="align-top">
                  <details>
                    <summary className="cursor-pointer font-semibold">{message.subject}</summary>
                    <pre className="mt-2 whitespace-pre-wrap break-words font-sans text-sm">{message.text}</pre>
                  </details>
                </td>
                <td className="align-top">
                  {EMAIL_STATUS_LABELS[message.status as EmailStatus] ?? message.status}
                  {message.sentAt ? <span className="block text-xs text-slate-600">{formatLimaDateTime(message.sentAt)}</span> : null}
                  {message.status === "PENDIENTE" || message.status === "FALLIDO" ? (
                    <span className="block text-xs text-slate-600">
                      {message.attempts} intento(s){message.lastError ? `: ${message.lastError}` : ""}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={EMAILS_PAGE_SIZE} total={total} params={kept} path="/correos" />
    </div>
  );
}
