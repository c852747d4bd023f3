/**
 * What the portal tells whom. Two vocabularies:
 * - event types: what happened, as written to the outbox and sent to webhooks (`orden.vendida`);
 * - notification types: what a user reads in the notification centre and may also get by e-mail
 *   (`orden_vendida` for the buyer; the same event is `orden_por_despachar` for a flow-b plant).
 * Who receives which notification is decided here, in one table (RECIPIENTS), as issue 17 lists it.
 */
import type { Role } from "@/lib/accounts/roles";
import type { MovementEvent } from "@/lib/orders/states";

export const ORDER_EVENT_TYPES = [
  "orden.solicitada",
  "orden.vendida",
  "orden.despachada",
  "orden.cerrada",
  "orden.anulada",
  "orden.rechazada",
] as const;

export const EVENT_TYPES = [
  ...ORDER_EVENT_TYPES,
  "orden.recordatorio_cierre",
  "orden.sin_atender",
  "agente.suspendido",
  "agente.rehabilitado",
  "registro.por_vencer",
  "seguro.por_vencer",
  "cisterna.por_vencer",
  "resumen.diario",
  "webhook.deshabilitado",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The outbox event each movement writes. */
export const MOVEMENT_EVENT_TYPE: Record<MovementEvent, EventType> = {
  SOLICITADO: "orden.solicitada",
  VENDIDO: "orden.vendida",
  DESPACHADO: "orden.despachada",
  CERRADO: "orden.cerrada",
  ANULADO: "orden.anulada",
  RECHAZADO: "orden.rechazada",
};

export const EVENT_TYPE_LABELS: Record<EventType, string> = {
  "orden.solicitada": "Orden registrada (SOLICITADO)",
  "orden.vendida": "Orden vendida (ACEPTADO/VENDIDO)",
  "orden.despachada": "Orden despachada (DESPACHADO)",
  "orden.cerrada": "Orden cerrada (CERRADO)",
  "orden.anulada": "Orden anulada (ANULADO)",
  "orden.rechazada": "Orden rechazada (RECHAZADO)",
  "orden.recordatorio_cierre": "Recordatorio de cierre (orden POR CERRAR)",
  "orden.sin_atender": "Orden SOLICITADO sin atender",
  "agente.suspendido": "Inscripción suspendida",
  "agente.rehabilitado": "Inscripción rehabilitada",
  "registro.por_vencer": "Inscripción por vencer",
  "seguro.por_vencer": "Póliza de seguro por vencer",
  "cisterna.por_vencer": "Cisterna con inscripción o seguro por vencer",
  "resumen.diario": "Resumen diario de cumplimiento",
  "webhook.deshabilitado": "Webhook deshabilitado por fallas",
};

/**
 * What an agent's webhook endpoint may subscribe to: events of its own orders (it is the buyer,
 * the seller or the plant) and of its own inscription. The regulator's summary and the
 * administrator's expiry lists concern other agents, so they are never sent to an agent.
 */
export const WEBHOOK_EVENT_TYPES = [
  ...ORDER_EVENT_TYPES,
  "orden.recordatorio_cierre",
  "orden.sin_atender",
  "agente.suspendido",
  "agente.rehabilitado",
  "registro.por_vencer",
  "seguro.por_vencer",
] as const satisfies readonly EventType[];
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

export const NOTIFICATION_TYPES = [
  "orden_nueva",
  "orden_anulada",
  "orden_rechazada",
  "orden_sin_atender",
  "orden_vendida",
  "orden_despachada",
  "recordatorio_cierre",
  "orden_por_despachar",
  "resumen_diario",
  "vencimiento_registro",
  "vencimiento_seguro",
  "vencimiento_cisterna",
  "webhook_deshabilitado",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_TYPE_LABELS: Record<NotificationType, string> = {
  orden_nueva: "Nueva orden de pedido",
  orden_anulada: "Orden anulada por el comprador",
  orden_rechazada: "Orden rechazada por el comprador",
  orden_sin_atender: "Orden SOLICITADO sin atender",
  orden_vendida: "Orden vendida (ACEPTADO/VENDIDO)",
  orden_despachada: "Orden despachada por la planta",
  recordatorio_cierre: "Recordatorio de la tarde: órdenes POR CERRAR",
  orden_por_despachar: "Orden por despachar",
  resumen_diario: "Resumen diario de cierres tardíos y hallazgos",
  vencimiento_registro: "Inscripciones por vencer (30, 7 y 1 días)",
  vencimiento_seguro: "Pólizas de seguro por vencer (30, 7 y 1 días)",
  vencimiento_cisterna: "Cisternas por vencer (30, 7 y 1 días)",
  webhook_deshabilitado: "Webhook deshabilitado por fallas",
};

/** The notification types each role can receive (the preferences screen lists these). */
export const NOTIFICATION_TYPES_BY_ROLE: Record<Role, readonly NotificationType[]> = {
  COMPRADOR: ["orden_vendida", "orden_despachada", "recordatorio_cierre", "webhook_deshabilitado"],
  VENDEDOR: ["orden_nueva", "orden_anulada", "orden_rechazada", "orden_sin_atender", "webhook_deshabilitado"],
  OPERADOR_PLANTA: ["orden_por_despachar", "webhook_deshabilitado"],
  REGULADOR: ["resumen_diario"],
  ADMINISTRADOR: ["vencimiento_registro", "vencimiento_seguro", "vencimiento_cisterna"],
};

/** Whose users: a party of the event's order, the event's agent, or every user of a role nationwide. */
export type Audience = "buyer" | "seller" | "plant" | "agent" | "everyone";

export interface Recipient {
  audience: Audience;
  role: Role;
  notification: NotificationType;
  /** only for orders of this flow */
  flow?: "A" | "B";
}

/** Who is told, in the portal (and by e-mail if they chose it), of each event. */
export const RECIPIENTS: Record<EventType, readonly Recipient[]> = {
  "orden.solicitada": [{ audience: "seller", role: "VENDEDOR", notification: "orden_nueva" }],
  "orden.vendida": [
    { audience: "buyer", role: "COMPRADOR", notification: "orden_vendida" },
    { audience: "plant", role: "OPERADOR_PLANTA", notification: "orden_por_despachar", flow: "B" },
  ],
  "orden.despachada": [{ audience: "buyer", role: "COMPRADOR", notification: "orden_despachada" }],
  "orden.cerrada": [],
  "orden.anulada": [{ audience: "seller", role: "VENDEDOR", notification: "orden_anulada" }],
  "orden.rechazada": [{ audience: "seller", role: "VENDEDOR", notification: "orden_rechazada" }],
  "orden.recordatorio_cierre": [{ audience: "buyer", role: "COMPRADOR", notification: "recordatorio_cierre" }],
  "orden.sin_atender": [{ audience: "seller", role: "VENDEDOR", notification: "orden_sin_atender" }],
  "agente.suspendido": [],
  "agente.rehabilitado": [],
  "registro.por_vencer": [{ audience: "everyone", role: "ADMINISTRADOR", notification: "vencimiento_registro" }],
  "seguro.por_vencer": [{ audience: "everyone", role: "ADMINISTRADOR", notification: "vencimiento_seguro" }],
  "cisterna.por_vencer": [{ audience: "everyone", role: "ADMINISTRADOR", notification: "vencimiento_cisterna" }],
  "resumen.diario": [{ audience: "everyone", role: "REGULADOR", notification: "resumen_diario" }],
  "webhook.deshabilitado": [
    { audience: "agent", role: "COMPRADOR", notification: "webhook_deshabilitado" },
    { audience: "agent", role: "VENDEDOR", notification: "webhook_deshabilitado" },
    { audience: "agent", role: "OPERADOR_PLANTA", notification: "webhook_deshabilitado" },
  ],
};

/** Which agents' endpoints receive an event: the order's parties, or the agent it is about. */
export const WEBHOOK_AUDIENCE: Record<WebhookEventType, readonly Audience[]> = {
  "orden.solicitada": ["buyer", "seller", "plant"],
  "orden.vendida": ["buyer", "seller", "plant"],
  "orden.despachada": ["buyer", "seller", "plant"],
  "orden.cerrada": ["buyer", "seller", "plant"],
  "orden.anulada": ["buyer", "seller", "plant"],
  "orden.rechazada": ["buyer", "seller", "plant"],
  "orden.recordatorio_cierre": ["buyer"],
  "orden.sin_atender": ["seller"],
  "agente.suspendido": ["agent"],
  "agente.rehabilitado": ["agent"],
  "registro.por_vencer": ["agent"],
  "seguro.por_vencer": ["agent"],
};

/** The roles that keep webhook endpoints: those of agents that are parties to orders. */
export const WEBHOOK_ROLES: readonly Role[] = ["COMPRADOR", "VENDEDOR", "OPERADOR_PLANTA"];
