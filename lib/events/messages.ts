/**
 * What each notification says, in the portal and by e-mail, and what a webhook carries. Pure
 * functions of the facts the worker loaded for one event: a notification only ever names the
 * parties of its own order (or, for the administrator and the regulator, the agents and figures of
 * their national view).
 */
import { DAY_RANGES } from "@/lib/regulator/compliance/grading";
import { formatDay, formatLimaDateTime } from "@/lib/time";
import { formatGallons, toDecimalString } from "@/lib/volume";
import { NOTIFICATION_TYPE_LABELS, type EventType, type NotificationType } from "./catalog";

export interface AgentFacts {
  id: number;
  businessName: string;
  ruc: string;
  registryNumber: string;
  registryStatus: string;
}

export interface OrderFacts {
  id: number;
  code: string;
  flow: "A" | "B";
  buyer: AgentFacts;
  seller: AgentFacts;
  plant: AgentFacts | null;
  requestedVolume: number;
  deliveryDate: string;
  purchaseOrderNumber: string | null;
  requestedAt: Date;
}

export interface MovementFacts {
  event: string;
  state: string;
  occurredAt: Date;
  agent: AgentFacts;
  detail: string | null;
}

export interface EventFacts {
  id: number;
  type: EventType;
  occurredAt: Date;
  order?: OrderFacts;
  movement?: MovementFacts;
  /** the agent a registry, expiry or endpoint event is about */
  agent?: AgentFacts;
  data: Record<string, unknown>;
}

export interface NotificationContent {
  title: string;
  body: string;
  /** the portal path it opens */
  link: string;
  orderCode: string | null;
}

const UNTIL_CLOSURE =
  "La orden está POR CERRAR: ciérrela el mismo día en que reciba y descargue el producto, o recházela de inmediato si no llegará.";

function days(count: number): string {
  return count === 1 ? "1 día" : `${count} días`;
}

function orderOf(facts: EventFacts): OrderFacts {
  if (!facts.order) throw new Error(`el evento ${facts.id} (${facts.type}) no tiene orden`);
  return facts.order;
}

function agentOf(facts: EventFacts): AgentFacts {
  if (!facts.agent) throw new Error(`el evento ${facts.id} (${facts.type}) no tiene agente`);
  return facts.agent;
}

function at(facts: EventFacts): string {
  return formatLimaDateTime(facts.movement?.occurredAt ?? facts.occurredAt);
}

function orderNotice(facts: EventFacts, title: string, body: string): NotificationContent {
  const order = orderOf(facts);
  return { title, body, link: `/ordenes/${order.code}`, orderCode: order.code };
}

/** The notification of type `type` about this event. */
export function notificationContent(type: NotificationType, facts: EventFacts): NotificationContent {
  switch (type) {
    case "orden_nueva": {
      const order = orderOf(facts);
      const plant = order.plant ? ` con despacho desde ${order.plant.businessName}` : "";
      return orderNotice(
        facts,
        `Nueva orden de pedido ${order.code}`,
        `${order.buyer.businessName} solicitó ${formatGallons(order.requestedVolume)} gal de GLP a granel${plant} el ${at(facts)}. ` +
          `Fecha de entrega referencial: ${formatDay(order.deliveryDate)}. Atiéndala en «Órdenes por Atender».`,
      );
    }
    case "orden_vendida": {
      const order = orderOf(facts);
      const next = order.flow === "B" ? `${order.plant?.businessName ?? "La planta de abastecimiento"} debe registrar el despacho.` : UNTIL_CLOSURE;
      return orderNotice(facts, `Orden ${order.code} vendida`, `${order.seller.businessName} registró la venta (ACEPTADO/VENDIDO) el ${at(facts)}. ${next}`);
    }
    case "orden_por_despachar": {
      const order = orderOf(facts);
      return orderNotice(
        facts,
        `Orden ${order.code} por despachar`,
        `${order.seller.businessName} vendió ${formatGallons(order.requestedVolume)} gal a ${order.buyer.businessName} con despacho desde su planta ` +
          `(${at(facts)}). Registre el despacho en «Despachos por Registrar».`,
      );
    }
    case "orden_despachada": {
      const order = orderOf(facts);
      return orderNotice(
        facts,
        `Orden ${order.code} despachada`,
        `${order.plant?.businessName ?? "La planta de abastecimiento"} registró el despacho el ${at(facts)}. ${UNTIL_CLOSURE}`,
      );
    }
    case "orden_anulada": {
      const order = orderOf(facts);
      return orderNotice(facts, `Orden ${order.code} anulada`, `${order.buyer.businessName} anuló la orden el ${at(facts)}. Ya no debe atenderla.`);
    }
    case "orden_rechazada": {
      const order = orderOf(facts);
      const reason = facts.movement?.detail ? ` Motivo: ${facts.movement.detail}` : " Rechazó todos los lotes al cerrarla.";
      return orderNotice(facts, `Orden ${order.code} rechazada`, `${order.buyer.businessName} rechazó la orden el ${at(facts)}.${reason}`);
    }
    case "recordatorio_cierre": {
      const order = orderOf(facts);
      return orderNotice(
        facts,
        `Recordatorio: orden ${order.code} POR CERRAR`,
        `La orden ${order.code} (${order.seller.businessName}, ${formatGallons(order.requestedVolume)} gal) sigue POR CERRAR. ` +
          "Si recibió y descargó el producto hoy, ciérrela hoy mismo; si no llegará, recházela de inmediato.",
      );
    }
    case "orden_sin_atender": {
      const order = orderOf(facts);
      return orderNotice(
        facts,
        `Orden ${order.code} sin atender`,
        `${order.buyer.businessName} registró la orden el ${formatLimaDateTime(order.requestedAt)} y sigue SOLICITADO. ` +
          "Si el producto ya se entrega, registre la venta: una orden SOLICITADO durante la descarga es una infracción.",
      );
    }
    case "resumen_diario": {
      const day = String(facts.data.day);
      const byRange = (facts.data.lateByRange as number[] | undefined) ?? [];
      const ranges = DAY_RANGES.map((range, i) => `${range.label.toLowerCase()}: ${byRange[i] ?? 0}`).join(", ");
      return {
        title: `Resumen de cumplimiento del ${formatDay(day)}`,
        body:
          `Cierres tardíos registrados el ${formatDay(day)}: ${facts.data.lateClosures ?? 0} (${ranges}). ` +
          `Rechazos tardíos: ${facts.data.lateRejections ?? 0}. ` +
          `Órdenes POR CERRAR hace más de ${facts.data.unclosedDays ?? 3} días, sin cierre ni rechazo: ${facts.data.unclosed ?? 0}. ` +
          `Órdenes SOLICITADO por más de ${facts.data.unattendedHours ?? 24} horas: ${facts.data.unattended ?? 0}.`,
        link: `/regulador/cumplimiento?from=${day}&to=${day}`,
        orderCode: null,
      };
    }
    case "vencimiento_seguro": {
      const agent = agentOf(facts);
      const left = Number(facts.data.daysLeft);
      return {
        title: `Póliza de seguro de ${agent.businessName}: vence en ${days(left)}`,
        body:
          `La póliza de seguro de responsabilidad civil de ${agent.businessName} (RUC ${agent.ruc}, registro ${agent.registryNumber}) ` +
          `vence el ${formatDay(String(facts.data.expiresOn))}. Sin póliza vigente no puede comprar GLP a granel.`,
        link: `/registro/${agent.id}`,
        orderCode: null,
      };
    }
    case "vencimiento_registro": {
      const agent = agentOf(facts);
      const left = Number(facts.data.daysLeft);
      return {
        title: `Inscripción de ${agent.businessName}: vence en ${days(left)}`,
        body: `La inscripción ${agent.registryNumber} de ${agent.businessName} (RUC ${agent.ruc}) en el Registro de Hidrocarburos vence el ${formatDay(String(facts.data.expiresOn))}.`,
        link: `/registro/${agent.id}`,
        orderCode: null,
      };
    }
    case "vencimiento_cisterna": {
      const agent = agentOf(facts);
      const left = Number(facts.data.daysLeft);
      return {
        title: `Cisterna ${String(facts.data.plate ?? "")} de ${agent.businessName}: vence en ${days(left)}`,
        body: `${String(facts.data.what ?? "La inscripción o el seguro")} de la cisterna ${String(facts.data.plate ?? "")} vence el ${formatDay(String(facts.data.expiresOn))}.`,
        link: facts.data.truckId ? `/cisternas/${Number(facts.data.truckId)}` : `/registro/${agent.id}`,
        orderCode: null,
      };
    }
    case "webhook_deshabilitado": {
      const since = facts.data.failingSince ? formatLimaDateTime(new Date(String(facts.data.failingSince))) : "hace días";
      return {
        title: `Webhook deshabilitado: ${String(facts.data.url)}`,
        body:
          `El endpoint ${String(facts.data.url)} no recibió ninguna entrega desde el ${since} y fue deshabilitado. ` +
          "Revise su servidor y vuelva a habilitarlo en «Webhooks»: las entregas pendientes se reanudarán.",
        link: `/webhooks/${String(facts.data.endpointId)}`,
        orderCode: null,
      };
    }
  }
}

/** The e-mail of a notification: Spanish text, the order's code, a link back to the portal. */
export function emailContent(
  recipient: { fullName: string },
  type: NotificationType,
  content: NotificationContent,
  publicUrl: string,
): { subject: string; text: string } {
  const lines = [`${recipient.fullName}:`, "", content.body, ""];
  if (content.orderCode) lines.push(`Código de Autorización: ${content.orderCode}`);
  lines.push(
    `Ver en el portal: ${publicUrl}${content.link}`,
    "",
    "—",
    "SCOP GLP · Sistema de Control de Órdenes de Pedido de GLP a granel",
    `Recibe este correo porque activó el aviso «${NOTIFICATION_TYPE_LABELS[type]}». Puede desactivarlo en ${publicUrl}/notificaciones/preferencias.`,
  );
  return { subject: `SCOP GLP: ${content.title}`, text: lines.join("\n") };
}

function agentJson(agent: AgentFacts) {
  return { ruc: agent.ruc, businessName: agent.businessName, registryNumber: agent.registryNumber };
}

function orderJson(order: OrderFacts, publicUrl: string) {
  return {
    code: order.code,
    flow: order.flow,
    requestedVolume: toDecimalString(order.requestedVolume),
    deliveryDate: order.deliveryDate,
    purchaseOrderNumber: order.purchaseOrderNumber,
    requestedAt: order.requestedAt.toISOString(),
    buyer: agentJson(order.buyer),
    seller: agentJson(order.seller),
    plant: order.plant ? agentJson(order.plant) : null,
    url: `${publicUrl}/ordenes/${order.code}`,
  };
}

/**
 * The body of a webhook (Standard Webhooks: `type`, `timestamp`, `data`). Thin on purpose: the
 * facts that never change after the event; the order's current detail is one GET away
 * (/api/v1/orders/{code}).
 */
export function webhookPayload(facts: EventFacts, publicUrl: string): Record<string, unknown> {
  const data: Record<string, unknown> = { eventId: facts.id };
  if (facts.order) data.order = orderJson(facts.order, publicUrl);
  if (facts.movement) {
    data.movement = {
      event: facts.movement.event,
      state: facts.movement.state,
      occurredAt: facts.movement.occurredAt.toISOString(),
      agent: agentJson(facts.movement.agent),
      detail: facts.movement.detail,
    };
  }
  switch (facts.type) {
    case "orden.recordatorio_cierre":
    case "orden.sin_atender":
      data.day = facts.data.day;
      break;
    case "agente.suspendido":
    case "agente.rehabilitado":
      data.agent = { ...agentJson(agentOf(facts)), registryStatus: facts.type === "agente.suspendido" ? "SUSPENDIDO" : "VIGENTE" };
      data.reason = facts.data.reason ?? null;
      break;
    case "registro.por_vencer":
    case "seguro.por_vencer":
      data.agent = agentJson(agentOf(facts));
      data.expiresOn = facts.data.expiresOn;
      data.daysLeft = facts.data.daysLeft;
      break;
    default:
      break;
  }
  return { type: facts.type, timestamp: facts.occurredAt.toISOString(), data };
}
