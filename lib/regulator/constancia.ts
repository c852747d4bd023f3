/**
 * The printable constancia of an order (PDF, pdf-lib): the code, state, parties, volumes, lots and
 * movements, with a QR code that opens the on-site verification page for a signed-in inspector.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import { formatDensity } from "@/lib/orders/lot-measures";
import type { OrderDetail } from "@/lib/orders/queries";
import { EVENT_LABELS, STATE_LABELS, type MovementEvent, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { formatDay, formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";

const MARGIN = 50;
const INK = rgb(0.07, 0.23, 0.35);

class Writer {
  y: number;
  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.y = page.getHeight() - MARGIN;
  }
  text(text: string, options: { size?: number; bold?: boolean; x?: number; color?: ReturnType<typeof rgb> } = {}) {
    const size = options.size ?? 10;
    this.page.drawText(text, { x: options.x ?? MARGIN, y: this.y, size, font: options.bold ? this.bold : this.font, color: options.color ?? rgb(0, 0, 0) });
  }
  line(text: string, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb> } = {}) {
    this.text(text, options);
    this.y -= (options.size ?? 10) + 5;
  }
  pair(label: string, value: string) {
    this.text(label, { bold: true });
    this.text(value, { x: MARGIN + 170 });
    this.y -= 15;
  }
  gap(points = 8) {
    this.y -= points;
  }
}

const party = (agent: { businessName: string; type: string; ruc: string }) =>
  `${agent.businessName} (${AGENT_TYPE_LABELS[agent.type as AgentType] ?? agent.type}, RUC ${agent.ruc})`;

export async function buildConstancia(order: OrderDetail, verifyUrl: string, issuedAt: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Constancia de Orden de Pedido ${order.code}`);
  pdf.setAuthor("SCOP GLP");
  const page = pdf.addPage([595.28, 841.89]); // A4
  const w = new Writer(page, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));

  const qr = await pdf.embedPng(await QRCode.toBuffer(verifyUrl, { errorCorrectionLevel: "M", margin: 1, width: 300 }));
  page.drawImage(qr, { x: page.getWidth() - MARGIN - 110, y: page.getHeight() - MARGIN - 105, width: 110, height: 110 });

  w.line("SCOP GLP — Sistema de Control de Órdenes de Pedido de GLP a granel", { size: 9, color: INK });
  w.gap(4);
  w.line("Constancia de Orden de Pedido", { size: 18, bold: true, color: INK });
  w.gap(6);
  w.line("Código de Autorización", { size: 9 });
  w.line(order.code, { size: 22, bold: true });
  if (order.legacyImportId !== null) w.line("Código SCOP anterior: orden importada del SCOP anterior, sin dígito verificador de este portal.", { size: 8, bold: true });
  w.line(`Estado: ${STATE_LABELS[order.state as OrderState] ?? order.state}`, { size: 12, bold: true });
  w.line(`Escanee el código QR para verificar el estado actual en el portal.`, { size: 8 });
  w.gap(10);

  w.pair("Fecha Pedido", formatLimaDateTime(order.requestedAt));
  w.pair("Comprador", party(order.buyer));
  w.pair("Agente Vendedor", party(order.seller));
  if (order.plant) w.pair("Planta de Abastecimiento", party(order.plant));
  w.pair("Volumen Solicitado", `${formatGallons(order.requestedVolume)} gal`);
  w.pair("Fecha de Entrega", formatDay(order.deliveryDate));
  if (order.purchaseOrderNumber) w.pair("N° de Orden de Compra", order.purchaseOrderNumber);
  if (order.rejectionReason) w.pair("Motivo del rechazo", order.rejectionReason.slice(0, 80));
  w.gap(8);

  w.line("Lotes", { size: 12, bold: true, color: INK });
  if (order.lots.length === 0) w.line("Sin lotes: la venta aún no se registra.");
  for (const lot of order.lots) {
    const received = lot.rejected ? "rechazado" : lot.receivedVolume === null ? "—" : `${formatGallons(lot.receivedVolume)} gal`;
    const dispatched = lot.dispatchedVolume === null ? "" : ` · despachado ${formatGallons(lot.dispatchedVolume)} gal`;
    w.line(
      `Lote ${lot.position}: vendido ${formatGallons(lot.soldVolume)} gal · placa ${lot.dispatchedPlate ?? lot.plate}${lot.density !== null ? ` · densidad ${formatDensity(lot.density)} kg/L` : ""} · guía ${lot.guiaRemision} · factura ${lot.factura}${dispatched} · recibido ${received}`,
      { size: 8 },
    );
  }
  w.gap(8);

  w.line("Movimientos", { size: 12, bold: true, color: INK });
  for (const movement of order.movements) {
    w.line(
      `${formatLimaDateTime(movement.occurredAt)}   ${EVENT_LABELS[movement.event as MovementEvent] ?? movement.event}   ${movement.agent.businessName} (${movement.user.fullName})`,
      { size: 9 },
    );
  }
  w.gap(16);
  w.line(`Emitida el ${formatLimaDateTime(issuedAt)} (hora de Lima). Verificación: ${verifyUrl}`, { size: 7 });
  return pdf.save();
}
