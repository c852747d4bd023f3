import { Button, ButtonLink } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Table } from "@/components/ui/table";
import { ROLE_LABELS, type Role } from "@/lib/accounts/roles";
import { requireUser } from "@/lib/next/session";
import { containsIgnoringCase } from "@/lib/db/text-filter";
import type { AgentType } from "@/lib/registry/agent-types";
import { database } from "@/lib/next/context";
import { CreateUserForm } from "./create-user-form";
import { UserActions } from "./user-actions";

export const metadata = { title: "Usuarios" };

const PAGE_SIZE = 25;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const admin = await requireUser("ADMINISTRADOR");
  const raw = await searchParams;
  const db = database();
  const params = { q: first(raw.q).trim().slice(0, 64), agentId: first(raw.agentId) };
  const page = Math.max(1, Number.parseInt(first(raw.page), 10) || 1);
  const agentId = Number.parseInt(params.agentId, 10);
  const where = {
    ...(params.q ? { OR: [{ username: { contains: params.q.toLowerCase() } }, { fullName: containsIgnoringCase(db.engine, params.q) }] } : {}),
    ...(Number.isSafeInteger(agentId) && agentId > 0 ? { agentId } : {}),
  };
  const { agents, users, total } = await db.transaction(async (tx) => ({
    agents: await tx.agent.findMany({ orderBy: { businessName: "asc" }, select: { id: true, businessName: true, type: true } }),
    users: await tx.user.findMany({
      where,
      orderBy: { username: "asc" },
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { agent: { select: { businessName: true } } },
    }),
    total: await tx.user.count({ where }),
  }));
  const kept = Object.fromEntries(Object.entries(params).filter(([, value]) => value));

  return (
    <div className="space-y-6">
      <PageHeader title="Usuarios" description="Cree usuarios para los agentes inscritos, restablezca contraseñas y desactive cuentas." />
      <CreateUserForm agents={agents.map((agent) => ({ ...agent, type: agent.type as AgentType }))} initialAgentId={params.agentId} />
      <form method="get" className="grid gap-4 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-3 sm:items-end" noValidate>
        <Field id="q" label="Buscar (usuario o nombre)">
          <input id="q" name="q" defaultValue={params.q} className={inputClass} />
        </Field>
        <Field id="filter-agent" label="Filtrar por agente">
          <select id="filter-agent" name="agentId" defaultValue={params.agentId} className={inputClass}>
            <option value="">Todos</option>
            {agents.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {agent.businessName}
              </option>
            ))}
          </select>
        </Field>
        <div className="flex gap-2">
          <Button type="submit">Buscar</Button>
          <ButtonLink href="/usuarios" variant="secondary">
            Limpiar
          </ButtonLink>
        </div>
      </form>
      <Table caption="Usuarios">
        <thead>
          <tr>
            <th scope="col">Usuario</th>
            <th scope="col">Nombre y correo</th>
            <th scope="col">Agente</th>
            <th scope="col">Rol</th>
            <th scope="col">Estado</th>
            <th scope="col">Acciones</th>
          </tr>
        </thead>
        <tbody>
          {users.length === 0 ? (
            <tr>
              <td colSpan={6} className="text-slate-600">
                No se encontraron usuarios.
              </td>
            </tr>
          ) : (
            users.map((user) => (
              <tr key={user.id}>
                <td className="font-mono">{user.username}</td>
                <td>
                  {user.fullName}
                  <span className="block break-all text-xs text-slate-600">{user.email ?? "Sin correo"}</span>
                </td>
                <td>{user.agent.businessName}</td>
                <td>{ROLE_LABELS[user.role as Role]}</td>
                <td>
                  {user.active ? "Activo" : "Desactivado"}
                  {user.mustChangePassword ? <span className="block text-xs text-amber-800">Debe cambiar su contraseña</span> : null}
                  {user.totpEnabledAt ? <span className="block text-xs text-slate-600">Segundo factor activo</span> : null}
                </td>
                <td>
                  <UserActions userId={user.id} username={user.username} email={user.email ?? ""} active={user.active} self={user.id === admin.userId} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      <Pagination page={page} pageSize={PAGE_SIZE} total={total} params={kept} path="/usuarios" />
    </div>
  );
}
