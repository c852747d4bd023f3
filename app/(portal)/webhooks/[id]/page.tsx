import { notFound } from "next/navigation";
import { RowLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EVENT_TYPE_LABELS, WEBHOOK_EVENT_TYPES, WEBHOOK_ROLES, type EventType } from "@/lib/events/catalog";
import { DELIVERIES_PAGE_SIZE, getEndpoint, listDeliveries } from "@/lib/events/webhooks/endpoints";
import { isDomainError } from "@/lib/errors";
import { database } from "@/lib/next/context";
import { requireUser } from "@/lib/next/session";
import { formatLimaDateTime } from "@/lib/time";
import { DeliveryLog } from "./delivery-log";
import { EndpointSettings } from "./endpoint-settings";

export const metadata = { title: "Webhook" };

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
const STATUSES = ["PENDIENTE", "ENTREGADO", "FALLIDO"];

/** One endpoint: its settings, its secret's rotation, and its delivery log with "Reenviar". */
export default async function WebhookPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const user = await requireUser(...WEBHOOK_ROLES);
  const id = Number((await params).id);
  const raw = await searchParams;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(first(raw.page), 10) || 1));
  const status = STATUSES.includes(first(raw.estado)) ? first(raw.estado) : undefined;
  const db = database();
  let endpoint;
  try {
    endpoint = await getEndpoint(db, user, id);
  } catch (error) {
    if (isDomainError(error) && error.kind === "not_found") notFound();
    throw error;
  }
  const { total, deliveries } = await listDeliveries(db, user, endpoint.id, { page, status });
  return (
    <div className="space-y-6">
      <p>
        <RowLink href="/webhooks">← Webhooks</RowLink>
      </p>
      <PageHeader title="Webhook" description={<span className="break-all font-mono">{endpoint.url}</span>} />
      <EndpointSettings
        endpoint={{
          id: endpoint.id,
          url: endpoint.url,
          description: endpoint.description ?? "",
          eventTypes: endpoint.eventTypes,
          enabled: endpoint.enabled,
          disabledReason: endpoint.disabledReason,
          disabledAt: endpoint.disabledAt ? formatLimaDateTime(endpoint.disabledAt) : null,
          failingSince: endpoint.failingSince ? formatLimaDateTime(endpoint.failingSince) : null,
          previousSecretExpiresAt: endpoint.previousSecretExpiresAt ? formatLimaDateTime(endpoint.previousSecretExpiresAt) : null,
        }}
        eventTypes={WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: EVENT_TYPE_LABELS[type] }))}
      />
      <section className="space-y-3" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title" className="text-lg font-semibold text-scop-800">
          Registro de entregas
        </h2>
        <nav aria-label="Filtro de entregas" className="flex flex-wrap gap-2 text-sm">
          {[undefined, ...STATUSES].map((value) => (
            <a
              key={value ?? "todas"}
              href={value ? `/webhooks/${endpoint.id}?estado=${value}` : `/webhooks/${endpoint.id}`}
              aria-current={status === value ? "page" : undefined}
              className="rounded border border-slate-300 bg-white px-3 py-1 font-semibold aria-[current=page]:border-scop-700 aria-[current=page]:bg-scop-50"
            >
              {value ? value.charAt(0) + value.slice(1).toLowerCase() + "s" : "Todas"}
            </a>
          ))}
        </nav>
        <DeliveryLog
          endpointId={endpoint.id}
          deliveries={deliveries.map((delivery) => ({
            id: delivery.id,
            messageId: delivery.messageId,
            type: EVENT_TYPE_LABELS[delivery.type as EventType] ?? delivery.type,
            orderCode: delivery.orderCode,
            status: delivery.status,
            attempts: delivery.attempts,
            lastStatusCode: delivery.lastStatusCode,
            lastLatencyMs: delivery.lastLatencyMs,
            lastError: delivery.lastError,
            createdAt: formatLimaDateTime(delivery.createdAt),
            deliveredAt: delivery.deliveredAt ? formatLimaDateTime(delivery.deliveredAt) : null,
            nextAttemptAt: delivery.status === "PENDIENTE" ? formatLimaDateTime(delivery.nextAttemptAt) : null,
            attemptLog: delivery.attemptLog.map((attempt) => ({
              at: formatLimaDateTime(attempt.at),
              statusCode: attempt.statusCode,
              latencyMs: attempt.latencyMs,
              error: attempt.error,
              manual: attempt.manual,
            })),
          }))}
        />
        <Pagination page={page} pageSize={DELIVERIES_PAGE_SIZE} total={total} params={status ? { estado: status } : {}} path={`/webhooks/${endpoint.id}`} />
      </section>
    </div>
  );
}
