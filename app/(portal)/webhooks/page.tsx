import Link from "next/link";
import { RowLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { EVENT_TYPE_LABELS, WEBHOOK_EVENT_TYPES, WEBHOOK_ROLES } from "@/lib/events/catalog";
import { listEndpoints } from "@/lib/events/webhooks/endpoints";
import { database } from "@/lib/next/context";
import { requireUser } from "@/lib/next/session";
import { formatLimaDateTime } from "@/lib/time";
import { CreateEndpointForm } from "./create-endpoint-form";

export const metadata = { title: "Webhooks" };

/** "Webhooks": the agent's HTTPS endpoints, the events each receives, and a new one. */
export default async function WebhooksPage() {
  const user = await requireUser(...WEBHOOK_ROLES);
  const endpoints = await listEndpoints(database(), user);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Webhooks"
        description={
          <>
            SCOP GLP avisa a los sistemas de {user.agentName} de lo que ocurre con sus órdenes, sin que consulten la API: un POST firmado
            (Standard Webhooks: cabeceras webhook-id, webhook-timestamp y webhook-signature, HMAC-SHA256) a cada URL, con reintentos durante 24
            horas. Vea los cuerpos en la{" "}
            <Link href="/api-docs" className="font-semibold text-scop-700 underline underline-offset-2">
              Referencia de la API
            </Link>
            .
          </>
        }
      />
      {endpoints.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4">Su agente aún no tiene webhooks.</p>
      ) : (
        <Table caption="Webhooks del agente">
          <thead>
            <tr>
              <th scope="col">URL</th>
              <th scope="col">Eventos</th>
              <th scope="col">Estado</th>
              <th scope="col">Pendientes</th>
              <th scope="col">Fallidas</th>
              <th scope="col">Opciones</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <tr key={endpoint.id}>
                <td className="max-w-xs break-all font-mono text-sm">
                  {endpoint.url}
                  {endpoint.description ? <span className="block font-sans text-xs text-slate-600">{endpoint.description}</span> : null}
                </td>
                <td className="text-sm">{endpoint.eventTypes.map((type) => EVENT_TYPE_LABELS[type]).join(", ")}</td>
                <td>
                  {endpoint.enabled ? (endpoint.failingSince ? `Activo, fallando desde ${formatLimaDateTime(endpoint.failingSince)}` : "Activo") : "Deshabilitado"}
                </td>
                <td>{endpoint.pending}</td>
                <td>{endpoint.failed}</td>
                <td>
                  <RowLink href={`/webhooks/${endpoint.id}`} aria-label={`Ver entregas de ${endpoint.url}`}>
                    Ver entregas
                  </RowLink>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <CreateEndpointForm eventTypes={WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: EVENT_TYPE_LABELS[type] }))} />
    </div>
  );
}
