import { notFound } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, RowLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { RegistryStatusBadge } from "@/components/registry/registry-status-badge";
import { ROLE_LABELS, type Role } from "@/lib/accounts/roles";
import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/audit/audit";
import { requireUser } from "@/lib/next/session";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { listSellers, openOrdersOf, registryHistory } from "@/lib/registry/agents";
import { database } from "@/lib/next/context";
import { formatLimaDateTime } from "@/lib/time";
import { toDecimalString } from "@/lib/volume";
import { AgentForm } from "../agent-form";
import { StatusForm } from "./status-form";

export const metadata = { title: "Agente del Registro" };

export default async function AgentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  await requireUser("ADMINISTRADOR");
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const justCreated = (await searchParams).inscrito === "1";
  const data = await database().transaction(async (tx) => {
    const agent = await tx.agent.findUnique({ where: { id }, include: { users: { orderBy: { username: "asc" } } } });
    if (!agent) return null;
    const [sellers, openOrders, history] = await Promise.all([listSellers(tx), openOrdersOf(tx, id), registryHistory(tx, agent)]);
    return { agent, sellers, openOrders, history };
  });
  if (!data) notFound();
  const { agent, sellers, openOrders, history } = data;

  return (
    <div className="space-y-8">
      <PageHeader
        title={agent.businessName}
        description={
          <>
            {AGENT_TYPE_LABELS[agent.type as AgentType]} · RUC {agent.ruc} · N° de registro {agent.registryNumber} · <RegistryStatusBadge status={agent.registryStatus} />
          </>
        }
      />
      {justCreated ? <Alert tone="success">El agente quedó inscrito con estado VIGENTE.</Alert> : null}

      <section className="space-y-3">
        <h2 className="text-xl font-bold text-scop-800">Estado de la inscripción</h2>
        {agent.type === "OSINERGMIN" ? <p className="text-slate-600">La entidad fiscalizadora no se suspende.</p> : <StatusForm agentId={agent.id} status={agent.registryStatus} />}
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-bold text-scop-800">Órdenes abiertas del agente</h2>
        {agent.registryStatus === "SUSPENDIDO" && openOrders.length > 0 ? (
          <Alert tone="warning" title={`El agente está suspendido y tiene ${openOrders.length} ${openOrders.length === 1 ? "orden abierta" : "órdenes abiertas"}.`}>
            No podrá venderlas ni despacharlas mientras siga suspendido. Coordine con las contrapartes su anulación o rechazo.
          </Alert>
        ) : null}
        <Table caption="Órdenes abiertas del agente">
          <thead>
            <tr>
              <th scope="col">Código de Autorización</th>
              <th scope="col">Estado</th>
              <th scope="col">Comprador</th>
              <th scope="col">Vendedor</th>
              <th scope="col">Volumen (gal)</th>
              <th scope="col">Fecha Pedido</th>
            </tr>
          </thead>
          <tbody>
            {openOrders.length === 0 ? (
              <tr>
                <td colSpan={6} className="text-slate-600">
                  No tiene órdenes abiertas.
                </td>
              </tr>
            ) : (
              openOrders.map((order) => (
                <tr key={order.id}>
                  <td className="font-mono">
                    <RowLink href={`/verificacion?code=${order.code}`}>{order.code}</RowLink>
                  </td>
                  <td>{STATE_LABELS[order.state as OrderState]}</td>
                  <td>{order.buyer.businessName}</td>
                  <td>{order.seller.businessName}</td>
                  <td className="text-right">{toDecimalString(order.requestedVolume)}</td>
                  <td>{formatLimaDateTime(order.requestedAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-bold text-scop-800">Datos del agente</h2>
        <AgentForm
          agentId={agent.id}
          sellers={sellers.filter((seller) => seller.id !== agent.id)}
          initial={{
            type: agent.type,
            businessName: agent.businessName,
            ruc: agent.ruc,
            registryNumber: agent.registryNumber,
            address: agent.address,
            department: agent.department,
            province: agent.province,
            district: agent.district,
            storageCapacity: agent.storageCapacity ? toDecimalString(agent.storageCapacity) : "",
            cededBySellerId: agent.cededBySellerId ? String(agent.cededBySellerId) : "",
            insuranceExpiresOn: agent.insuranceExpiresOn ?? "",
            registryExpiresOn: agent.registryExpiresOn ?? "",
          }}
        />
      </section>

      <section className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="text-xl font-bold text-scop-800">Usuarios del agente</h2>
          <ButtonLink href={`/usuarios?agentId=${agent.id}`} variant="secondary">
            Crear o administrar usuarios
          </ButtonLink>
        </div>
        <Table caption="Usuarios del agente">
          <thead>
            <tr>
              <th scope="col">Usuario</th>
              <th scope="col">Nombre</th>
              <th scope="col">Rol</th>
              <th scope="col">Estado</th>
            </tr>
          </thead>
          <tbody>
            {agent.users.length === 0 ? (
              <tr>
                <td colSpan={4} className="text-slate-600">
                  El agente aún no tiene usuarios.
                </td>
              </tr>
            ) : (
              agent.users.map((user) => (
                <tr key={user.id}>
                  <td className="font-mono">{user.username}</td>
                  <td>{user.fullName}</td>
                  <td>{ROLE_LABELS[user.role as Role]}</td>
                  <td>{user.active ? "Activo" : "Desactivado"}</td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </section>

      <section className="space-y-3">
        <h2 className="text-xl font-bold text-scop-800">Historial de la inscripción</h2>
        <Table caption="Historial de la inscripción">
          <thead>
            <tr>
              <th scope="col">Fecha y hora</th>
              <th scope="col">Acción</th>
              <th scope="col">Usuario</th>
              <th scope="col">Motivo / detalle</th>
            </tr>
          </thead>
          <tbody>
            {history.length === 0 ? (
              <tr>
                <td colSpan={4} className="text-slate-600">
                  Sin cambios registrados en el portal.
                </td>
              </tr>
            ) : (
              history.map((event) => (
                <tr key={event.id}>
                  <td>{formatLimaDateTime(event.at)}</td>
                  <td>{AUDIT_ACTION_LABELS[event.action as AuditAction] ?? event.action}</td>
                  <td className="font-mono">{event.username}</td>
                  <td>{event.detail}</td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
