import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { AUDIT_ACTIONS, AUDIT_ACTION_LABELS, AUDIT_PAGE_SIZE, listAudit, type AuditAction } from "@/lib/audit/audit";
import { requirePage } from "@/lib/next/session";
import { database } from "@/lib/next/context";
import { endOfLimaDay, formatLimaDateTime, isLimaDay, startOfLimaDay } from "@/lib/time";

export const metadata = { title: "Auditoría" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

/** "Auditoría": sign-ins, failures, locks and administrative changes, newest first. */
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePage("/auditoria");
  const raw = await searchParams;
  const db = database();
  const params = { action: first(raw.action), username: first(raw.username).trim().slice(0, 64), from: first(raw.from), to: first(raw.to) };
  const page = Math.max(1, Number.parseInt(first(raw.page), 10) || 1);
  const errors: Record<string, string[]> = {};
  if (params.from && !isLimaDay(params.from)) errors.from = ["Fecha no válida."];
  if (params.to && !isLimaDay(params.to)) errors.to = ["Fecha no válida."];
  const action = (AUDIT_ACTIONS as readonly string[]).includes(params.action) ? (params.action as AuditAction) : undefined;
  const { total, events } = Object.keys(errors).length
    ? { total: 0, events: [] }
    : await db.transaction((tx) =>
        listAudit(tx, db.engine, {
          action,
          username: params.username.toLowerCase() || undefined,
          from: params.from ? startOfLimaDay(params.from) : undefined,
          to: params.to ? endOfLimaDay(params.to) : undefined,
          page,
        }),
      );
  const kept = Object.fromEntries(Object.entries(params).filter(([, value]) => value));

  return (
    <div className="space-y-6">
      <PageHeader title="Auditoría" description="Ingresos, intentos fallidos, bloqueos y cambios administrativos (fecha y hora de Lima)." />
      <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-5 sm:items-end" noValidate>
        <Field id="action" label="Acción">
          <select id="action" name="action" defaultValue={params.action} className={inputClass}>
            <option value="">Todas</option>
            {AUDIT_ACTIONS.map((value) => (
              <option key={value} value={value}>
                {AUDIT_ACTION_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="username" label="Usuario">
          <input id="username" name="username" defaultValue={params.username} className={inputClass} />
        </Field>
        <Field id="from" label="Fecha desde" errors={errors.from}>
          <input name="from" type="date" defaultValue={params.from} className={inputClass} {...describedBy("from", errors.from)} />
        </Field>
        <Field id="to" label="Fecha hasta" errors={errors.to}>
          <input name="to" type="date" defaultValue={params.to} className={inputClass} {...describedBy("to", errors.to)} />
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Buscar</Button>
          <ButtonLink href="/auditoria" variant="secondary">
            Limpiar
          </ButtonLink>
        </div>
      </form>
      {Object.keys(errors).length ? <Alert tone="error" title="Revise las fechas de búsqueda." /> : null}
      <Table caption="Registro de auditoría">
        <thead>
          <tr>
            <th scope="col">Fecha y hora</th>
            <th scope="col">Acción</th>
            <th scope="col">Usuario</th>
            <th scope="col">Dirección IP</th>
            <th scope="col">Objeto</th>
            <th scope="col">Detalle</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={6} className="text-slate-600">
                No hay eventos con esos criterios.
              </td>
            </tr>
          ) : (
            events.map((event) => (
              <tr key={event.id}>
                <td className="whitespace-nowrap">{formatLimaDateTime(event.at)}</td>
                <td>{AUDIT_ACTION_LABELS[event.action as AuditAction] ?? event.action}</td>
                <td className="font-mono">{event.username}</td>
                <td className="font-mono">{event.ip ?? "—"}</td>
                <td>{event.target}</td>
                <td>{event.detail}</td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={AUDIT_PAGE_SIZE} total={total} params={kept} path="/auditoria" />
    </div>
  );
}
