/**
 * The webhooks part of /api/v1: managing endpoints (requests are lib/events/webhooks/endpoints.ts's
 * own schemas) and the payloads SCOP GLP sends (documented under `webhooks` in the OpenAPI
 * document; lib/events/messages.ts webhookPayload writes exactly these).
 */
import { ORDER_EVENT_TYPES, WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/events/catalog";
import type { DeliveryView, EndpointView } from "@/lib/events/webhooks/endpoints";
import { MOVEMENT_EVENTS, ORDER_STATES } from "@/lib/orders/states";
import { z } from "@/lib/validation";

const instant = z.string().meta({ format: "date-time" });

export const endpointResponse = z
  .object({
    id: z.int(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabledAt: instant.nullable(),
    disabledReason: z.string().nullable(),
    failingSince: instant.nullable().meta({ description: "Primera entrega fallida desde el último éxito" }),
    previousSecretExpiresAt: instant.nullable().meta({ description: "Tras una rotación, el secreto anterior firma junto al nuevo hasta entonces" }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "WebhookEndpoint" });

export const endpointListResponse = z.object({ items: z.array(endpointResponse) });
export const createdEndpointResponse = endpointResponse.extend({
  secret: z.string().meta({ description: "Secreto de firma whsec_…: se muestra solo esta vez" }),
});
export const rotatedSecretResponse = z.object({ secret: z.string(), previousSecretExpiresAt: instant });

export const deliveryResponse = z.object({
  id: z.int(),
  webhookId: z.string().meta({ description: "La cabecera webhook-id de la entrega (igual en cada intento)" }),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  orderCode: z.string().nullable(),
  status: z.enum(["PENDIENTE", "ENTREGADO", "FALLIDO"]),
  attempts: z.int(),
  lastStatusCode: z.int().nullable(),
  lastLatencyMs: z.int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: instant.nullable(),
  deliveredAt: instant.nullable(),
  createdAt: instant,
});
export const deliveryPageResponse = z.object({ items: z.array(deliveryResponse), nextCursor: z.string().nullable() });
export const resendResponse = z.object({
  delivered: z.boolean(),
  statusCode: z.int().nullable(),
  latencyMs: z.int(),
  error: z.string().nullable(),
});

export const deliveriesQuerySchema = z.object({
  limit: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce.number({ error: "El límite debe ser un número entero entre 1 y 200." }).int().min(1).max(200).default(50),
  ),
  cursor: z.preprocess((value) => (value === "" ? undefined : value), z.string().regex(/^\d{1,12}$/, { message: "Cursor no válido." }).optional()),
});

export function endpointJson(endpoint: EndpointView) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    enabled: endpoint.enabled,
    disabledAt: endpoint.disabledAt?.toISOString() ?? null,
    disabledReason: endpoint.disabledReason,
    failingSince: endpoint.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: endpoint.previousSecretExpiresAt?.toISOString() ?? null,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function deliveryJson(delivery: DeliveryView) {
  return {
    id: delivery.id,
    webhookId: delivery.messageId,
    type: delivery.type,
    orderCode: delivery.orderCode,
    status: delivery.status,
    attempts: delivery.attempts,
    lastStatusCode: delivery.lastStatusCode,
    lastLatencyMs: delivery.lastLatencyMs,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.status === "PENDIENTE" ? delivery.nextAttemptAt.toISOString() : null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
  };
}

// ---- the payloads (Standard Webhooks: type, timestamp, data) ----

const agentRef = z.object({ ruc: z.string(), businessName: z.string(), registryNumber: z.string() });
const orderFacts = z
  .object({
    code: z.string().meta({ description: "Código de Autorización" }),
    flow: z.enum(["A", "B"]),
    requestedVolume: z.string().meta({ description: "Galones con dos decimales" }),
    deliveryDate: z.string().meta({ format: "date" }),
    purchaseOrderNumber: z.string().nullable(),
    requestedAt: instant,
    buyer: agentRef,
    seller: agentRef,
    plant: agentRef.nullable(),
    url: z.string().meta({ description: "La orden en el portal" }),
  })
  .meta({ id: "WebhookOrder" });
const movementFacts = z
  .object({
    event: z.enum(MOVEMENT_EVENTS),
    state: z.enum(ORDER_STATES).meta({ description: "Estado de la orden justo después del evento" }),
    occurredAt: instant,
    agent: agentRef,
    detail: z.string().nullable().meta({ description: "P. ej. el motivo de un rechazo" }),
  })
  .meta({ id: "WebhookMovement" });

function envelope(type: WebhookEventType, data: z.ZodObject) {
  return z
    .object({
      type: z.literal(type),
      timestamp: instant.meta({ description: "Cuándo ocurrió el evento" }),
      data: data.extend({ eventId: z.int().meta({ description: "Número del evento; webhook-id es msg_<eventId>" }) }),
    })
    .meta({ id: `Webhook_${type.replace(/\W/g, "_")}` });
}

const agentData = (extra: Record<string, z.ZodType>) => z.object({ agent: agentRef.extend({ registryStatus: z.enum(["VIGENTE", "SUSPENDIDO"]) }).partial({ registryStatus: true }), ...extra });

/** Each event type's payload. */
export const WEBHOOK_PAYLOADS: Record<WebhookEventType, z.ZodType> = {
  ...(Object.fromEntries(ORDER_EVENT_TYPES.map((type) => [type, envelope(type, z.object({ order: orderFacts, movement: movementFacts }))])) as unknown as Record<
    (typeof ORDER_EVENT_TYPES)[number],
    z.ZodType
  >),
  "orden.recordatorio_cierre": envelope("orden.recordatorio_cierre", z.object({ order: orderFacts, day: z.string().meta({ format: "date" }) })),
  "orden.sin_atender": envelope("orden.sin_atender", z.object({ order: orderFacts, day: z.string().meta({ format: "date" }) })),
  "agente.suspendido": envelope("agente.suspendido", agentData({ reason: z.string().nullable() })),
  "agente.rehabilitado": envelope("agente.rehabilitado", agentData({ reason: z.string().nullable() })),
  "registro.por_vencer": envelope("registro.por_vencer", agentData({ expiresOn: z.string().meta({ format: "date" }), daysLeft: z.int() })),
  "seguro.por_vencer": envelope("seguro.por_vencer", agentData({ expiresOn: z.string().meta({ format: "date" }), daysLeft: z.int() })),
};

/** A path id that is not a number is simply not one of the agent's endpoints (→ 404). */
export function pathId(raw: string): number {
  return /^\d{1,12}$/.test(raw) ? Number(raw) : -1;
}
