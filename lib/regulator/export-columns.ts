/**
 * The columns of the "Movimientos" export, once for both files: each column gives a typed value
 * (text, a number of gallons or days, an instant), and the CSV and Excel writers render it their way.
 */
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import type { ExportRow } from "./export-batches";

export type ColumnKind = "text" | "gallons" | "days" | "instant";

/** gallons are hundredths (exact integers); instants are UTC epoch milliseconds, shown in Lima time. */
export type CellValue = string | number | null;

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  value(order: ExportRow): CellValue;
}

const text = (header: string, value: (order: ExportRow) => string | null | undefined): ExportColumn => ({
  header,
  kind: "text",
  value: (order) => value(order) ?? null,
});
const instant = (header: string, value: (order: ExportRow) => number | null): ExportColumn => ({ header, kind: "instant", value });

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  text("Código de Autorización", (order) => order.code),
  text("Código SCOP anterior", (order) => (order.legacy ? "Sí" : null)),
  text("Estado", (order) => STATE_LABELS[order.state as OrderState] ?? order.state),
  text("Flujo", (order) => order.flow),
  instant("Fecha Pedido", (order) => order.requestedAt),
  text("Comprador", (order) => order.buyerName),
  text("RUC Comprador", (order) => order.buyerRuc),
  text("Tipo de Comprador", (order) => AGENT_TYPE_LABELS[order.buyerType as AgentType] ?? order.buyerType),
  text("Vendedor", (order) => order.sellerName),
  text("RUC Vendedor", (order) => order.sellerRuc),
  text("Planta de Abastecimiento", (order) => order.plantName),
  { header: "Volumen Solicitado (gal)", kind: "gallons", value: (order) => order.requestedVolume },
  instant("Fecha Venta", (order) => order.soldAt),
  instant("Fecha Despacho", (order) => order.dispatchedAt),
  instant("Por Cerrar desde", (order) => order.porCerrarAt),
  instant("Fecha Cierre/Fin", (order) => order.endedAt),
  { header: "Días de retraso", kind: "days", value: (order) => order.daysLate },
];
