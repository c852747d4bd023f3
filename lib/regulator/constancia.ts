/**
 * The printable constancia of an order (PDF, pdf-lib): the code, state, parties, volumes, lots and
 * movements, with a QR code that opens the on-site verification page for a signed-in inspector.
 *
 * Text is set in DejaVu Sans, embedded (subset) from lib/regulator/fonts/: the PDF standard fonts
 * only encode WinAnsi, and a free-text field with anything else (`OC № 118`, an emoji) made every
 * constancia of that order fail (issue 14, defect 6). A character DejaVu has no glyph for is
 * printed as U+FFFD (�), never dropped silently; control characters become spaces.
 */
// @pdf-lib/fontkit's build shapes some scripts (Tifinagh, among those DejaVu covers) with a
// generator compiled by Babel that calls a global `regeneratorRuntime` it never defines: without
// this, a constancia with such a character in a free-text field failed (pdf-lib issue 1419).
import "regenerator-runtime/runtime";
import { readFileSync } from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";
import type { Evidence } from "@/lib/log/evidence";
import { parseCheckpointText, parseNote } from "@/lib/log/note";
import { printedProofLines } from "@/lib/log/printed-proof";
import { formatDensity } from "@/lib/orders/lot-measures";
import type { OrderDetail } from "@/lib/orders/queries";
import { EVENT_LABELS, STATE_LABELS, type MovementEvent, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { formatDay, formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";

const MARGIN = 50;
const INK = rgb(0.07, 0.23, 0.35);
const PAGE_WIDTH = 595.28;

interface Font {
  bytes: Uint8Array;
  /** the code points the font has a glyph for */
  covers(codePoint: number): boolean;
}

const fonts = new Map<string, Font>();

/** A font file of lib/regulator/fonts/, read once per process. */
function font(file: string): Font {
  let loaded = fonts.get(file);
  if (!loaded) {
    const bytes = readFileSync(path.join(process.cwd(), "lib/regulator/fonts", file));
    const parsed = fontkit.create(Buffer.from(bytes));
    loaded = { bytes, covers: (codePoint) => parsed.hasGlyphForCodePoint(codePoint) };
    fonts.set(file, loaded);
  }
  return loaded;
}

/** Text the font can draw: control characters as spaces, a character without a glyph as U+FFFD. */
export function printable(text: string, covers: (codePoint: number) => boolean): string {
  let out = "";
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0) || codePoint === 0x2028 || codePoint === 0x2029) out += " ";
    else out += covers(codePoint) ? char : "\uFFFD";
  }
  return out;
}

class Writer {
  y: number;
  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
    readonly bold: PDFFont,
    readonly covers: (codePoint: number) => boolean,
  ) {
    this.y = page.getHeight() - MARGIN;
  }
  text(text: string, options: { size?: number; bold?: boolean; x?: number; color?: ReturnType<typeof rgb> } = {}) {
    const size = options.size ?? 10;
    this.page.drawText(printable(text, this.covers), { x: options.x ?? MARGIN, y: this.y, size, font: options.bold ? this.bold : this.font, color: options.color ?? rgb(0, 0, 0) });
  }
  /** A label and a free text, wrapped to the page's width. */
  paragraph(label: string, value: string) {
    this.text(label, { bold: true });
    const x = MARGIN + 170;
    const width = PAGE_WIDTH - MARGIN - x;
    let line = "";
    for (const word of printable(value, this.covers).split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && this.font.widthOfTextAtSize(candidate, 10) > width) {
        this.text(line, { x });
        this.y -= 13;
        line = word;
      } else {
        line = candidate;
      }
    }
    this.text(line, { x });
    this.y -= 15;
  }
  line(text: string, options: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb> } = {}) {
    const size = options.size ?? 10;
    // a large line needs room above its baseline for its own height
    if (size > 12) this.y -= size - 12;
    this.text(text, options);
    this.y -= size + 5;
  }
  pair(label: string, value: string) {
    this.paragraph(label, value);
  }
  gap(points = 8) {
    this.y -= points;
  }
}

const party = (agent: { businessName: string; type: string; ruc: string }) =>
  `${agent.businessName} (${AGENT_TYPE_LABELS[agent.type as AgentType] ?? agent.type}, RUC ${agent.ruc})`;

/** What the constancia's annex prints about the movement log (lib/log). */
export interface ConstanciaLogProof {
  /** the movements' openings and inclusion proofs in the latest signed checkpoint (null: none logged yet) */
  evidence: Evidence | null;
  /** leaf index by movement id, for those in the signed log */
  leafIndexOf: Map<number, number>;
  /** the log's verifier key, as published */
  vkey: string;
  /** the public verification page for this code (no sign-in) */
  publicUrl: string;
}

/** The constancia's two faces embedded in a document, and the code points both can draw. */
export async function embedTextFonts(pdf: PDFDocument): Promise<{ regular: PDFFont; bold: PDFFont; covers: (codePoint: number) => boolean }> {
  pdf.registerFontkit(fontkit);
  const regular = font("DejaVuSans.ttf");
  const bold = font("DejaVuSans-Bold.ttf");
  return {
    regular: await pdf.embedFont(regular.bytes, { subset: true }),
    bold: await pdf.embedFont(bold.bytes, { subset: true }),
    covers: (codePoint) => regular.covers(codePoint) && bold.covers(codePoint),
  };
}

export async function buildConstancia(order: OrderDetail, verifyUrl: string, issuedAt: Date, logProof?: ConstanciaLogProof): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Constancia de Orden de Pedido ${order.code}`);
  pdf.setAuthor("SCOP GLP");
  const page = pdf.addPage([PAGE_WIDTH, 841.89]); // A4
  const fonts = await embedTextFonts(pdf);
  const w = new Writer(page, fonts.regular, fonts.bold, fonts.covers);

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
  if (order.transport) w.paragraph("Transporte", order.transport);
  if (order.comment) w.paragraph("Comentario", order.comment);
  if (order.rejectionReason) w.paragraph("Motivo del rechazo", order.rejectionReason);
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
  if (logProof) await addLogProofAnnex(pdf, order, logProof, w.font, w.bold, w.covers);
  return pdf.save();
}

/**
 * The annex: each movement's leaf in the signed movement log, the checkpoint that includes them,
 * and the proof block (lib/log/printed-proof.ts) with which the constancia can be checked without
 * the portal: `npm run verify:log -- --constancia <text> --key <published key>`.
 */
async function addLogProofAnnex(
  pdf: PDFDocument,
  order: OrderDetail,
  proof: ConstanciaLogProof,
  font: PDFFont,
  bold: PDFFont,
  covers: (codePoint: number) => boolean,
) {
  // the proof block and the checkpoint are ASCII (base64, digits): Courier encodes them
  const mono = await pdf.embedFont(StandardFonts.Courier);
  let page = pdf.addPage([595.28, 841.89]);
  let w = new Writer(page, font, bold, covers);
  const qr = await pdf.embedPng(await QRCode.toBuffer(proof.publicUrl, { errorCorrectionLevel: "M", margin: 1, width: 240 }));
  page.drawImage(qr, { x: page.getWidth() - MARGIN - 80, y: page.getHeight() - MARGIN - 75, width: 80, height: 80 });

  w.line(`Anexo — Prueba de integridad de la orden ${order.code}`, { size: 13, bold: true, color: INK });
  w.gap(2);
  for (const text of [
    "Cada movimiento es una hoja del registro verificable de movimientos del SCOP GLP (árbol de Merkle, RFC 9162),",
    "cuya raíz firma Osinergmin (Ed25519). El bloque de prueba permite comprobar, sin el portal, que los datos de",
    "esta constancia son los registrados: con la clave pública publicada y npm run verify:log -- --constancia.",
    `Verificación pública sin ingresar (QR): ${proof.publicUrl}`,
  ]) w.line(text, { size: 7.5 });
  w.gap(4);

  const checkpoint = proof.evidence ? parseCheckpointText(parseNote(proof.evidence.checkpoint).text) : null;
  w.line("Movimientos en el registro", { size: 10, bold: true, color: INK });
  for (const movement of order.movements) {
    const index = proof.leafIndexOf.get(movement.id);
    w.line(
      `${formatLimaDateTime(movement.occurredAt)}   ${EVENT_LABELS[movement.event as MovementEvent] ?? movement.event}   ` +
        (index === undefined ? "aún no incorporado al registro firmado al emitir esta constancia" : `hoja ${index}`),
      { size: 8 },
    );
  }
  w.gap(4);
  if (!proof.evidence || !checkpoint) {
    w.line("Ningún movimiento estaba aún en un checkpoint firmado: vuelva a emitir la constancia en unos segundos.", { size: 8 });
    return;
  }
  w.line(`Checkpoint: árbol de ${checkpoint.size.toLocaleString("es-PE")} hojas, firmado por ${checkpoint.origin}.`, { size: 8 });
  w.line(`Clave pública de verificación: ${proof.vkey}`, { size: 7 });
  w.gap(4);
  for (const line of proof.evidence.checkpoint.trimEnd().split("\n")) {
    page.drawText(line, { x: MARGIN, y: w.y, size: 6.5, font: line.startsWith("\u2014") ? font : mono });
    w.y -= 8;
  }
  w.gap(6);
  w.line("Bloque de prueba (cópielo tal cual; los espacios se ignoran):", { size: 8, bold: true });
  for (const line of printedProofLines(proof.evidence)) {
    if (w.y < MARGIN) {
      page = pdf.addPage([595.28, 841.89]);
      w = new Writer(page, font, bold, covers);
      w.line(`Anexo (continuación) — orden ${order.code}`, { size: 9, bold: true, color: INK });
    }
    page.drawText(line, { x: MARGIN, y: w.y, size: 6.5, font: mono });
    w.y -= 7.6;
  }
}
