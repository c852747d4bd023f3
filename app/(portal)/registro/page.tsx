import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { RegistryStatusBadge } from "@/components/registry/registry-status-badge";
import { requirePage } from "@/lib/next/session";
import { AGENT_TYPES, AGENT_TYPE_LABELS, REGISTRY_STATUSES } from "@/lib/registry/agent-types";
import { AGENTS_PAGE_SIZE, listAgents, parseAgentFilter } from "@/lib/registry/agents";
import { DEPARTMENTS } from "@/lib/registry/geography";
import { database } from "@/lib/next/context";

export const metadata = { title: "Registro de Hidrocarburos" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function RegistryPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePage("/registro");
  const raw = await searchParams;
  const params = { q: first(raw.q), type: first(raw.type), status: first(raw.status), department: first(raw.department), page: first(raw.page) };
  const filter = parseAgentFilter(params);
  const db = database();
  const { total, agents } = await db.transaction((tx) => listAgents(tx, db.engine, filter));
  const kept = Object.fromEntries(Object.entries(params).filter(([key, value]) => key !== "page" && value));

  return (
    <div className="space-y-6">
      <PageHeader title="Registro de Hidrocarburos" description="Agentes inscritos: búsqueda, inscripción, modificación, suspensión y rehabilitación." />
      <div className="flex flex-wrap gap-2">
        <ButtonLink href="/registro/nuevo">Inscribir Agente</ButtonLink>
        <ButtonLink href="/registro/importar" variant="secondary">
          Importar Agentes (CSV)
        </ButtonLink>
      </div>
      <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-5 sm:items-end" noValidate>
        <div className="sm:col-span-2">
          <Field id="q" label="Buscar (razón social, RUC o N° de registro)">
            <input id="q" name="q" defaultValue={params.q} className={inputClass} />
          </Field>
        </div>
        <Field id="type" label="Tipo de agente">
          <select id="type" name="type" defaultValue={params.type} className={inputClass}>
            <option value="">Todos</option>
            {AGENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {AGENT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="status" label="Estado">
          <select id="status" name="status" defaultValue={params.status} className={inputClass}>
            <option value="">Todos</option>
            {REGISTRY_STATUSES.map((status) => (
              <option key={status}>{status}</option>
            ))}
          </select>
        </Field>
        <Field id="department" label="Departamento">
          <select id="department" name="department" defaultValue={params.department} className={inputClass}>
            <option value="">Todos</option>
            {DEPARTMENTS.map((department) => (
              <option key={department.name}>{department.name}</option>
            ))}
          </select>
        </Field>
        <div className="flex gap-2 sm:col-span-5">
          <Button type="submit">Buscar</Button>
          <ButtonLink href="/registro" variant="secondary">
            Limpiar
          </ButtonLink>
        </div>
      </form>
      <Table caption="Agentes inscritos">
        <thead>
          <tr>
            <th scope="col">Razón social</th>
            <th scope="col">RUC</th>
            <th scope="col">N° de registro</th>
            <th scope="col">Tipo de agente</th>
            <th scope="col">Departamento</th>
            <th scope="col">Estado</th>
            <th scope="col">
              <span className="sr-only">Acciones</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agents.length === 0 ? (
            <tr>
              <td colSpan={7} className="text-slate-600">
                No se encontraron agentes con esos criterios.
              </td>
            </tr>
          ) : (
            agents.map((agent) => (
              <tr key={agent.id}>
                <td className="font-semibold">{agent.businessName}</td>
                <td className="font-mono">{agent.ruc}</td>
                <td className="font-mono">{agent.registryNumber}</td>
                <td>{AGENT_TYPE_LABELS[agent.type as keyof typeof AGENT_TYPE_LABELS] ?? agent.type}</td>
                <td>{agent.department}</td>
                <td>
                  <RegistryStatusBadge status={agent.registryStatus} />
                </td>
                <td>
                  <RowLink href={`/registro/${agent.id}`} aria-label={`Ver Detalle de ${agent.businessName}`}>
                    Ver Detalle
                  </RowLink>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      <Pagination page={filter.page} pageSize={AGENTS_PAGE_SIZE} total={total} params={kept} path="/registro" />
    </div>
  );
}
