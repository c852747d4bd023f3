/**
 * The whole filtered result as CSV, produced batch by batch from the keyset pages, so memory
 * stays flat however many orders match. Papa Parse writes the CSV (quoting, separators).
 */
import Papa from "papaparse";
import type { Database } from "@/lib/db/database";
import type { OrderSummary } from "@/lib/orders/queries";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { formatLimaDateTime } from "@/lib/time";
import { toDecimalString } from "@/lib/volume";
import type { OrderFilter } from "./order-filter";
import { orderWhere, searchOrders, type Cursor } from "./order-search";

export const CSV_COLUMNS = [
  "Código de Autorización",
  "Estado",
  "Flujo",
  "Fecha Pedido",
  "Comprador",
  "RUC Comprador",
  "Tipo de Comprador",
  "Vendedor",
  "RUC Vendedor",
  "Planta de Abastecimiento",
  "Volumen Solicitado (gal)",
  "Fecha Venta",
  "Fecha Despacho",
  "Por Cerrar desde",
  "Fecha Cierre/Fin",
  "Días de retraso",
] as const;

const when = (date: Date | null) => (date ? formatLimaDateTime(date) : "");

function row(order: OrderSummary): string[] {
  return [
    order.code,
    STATE_LABELS[order.state as OrderState] ?? order.state,
    order.flow,
    formatLimaDateTime(order.requestedAt),
    order.buyer.businessName,
    order.buyer.ruc,
    AGENT_TYPE_LABELS[order.buyer.type as AgentType] ?? order.buyer.type,
    order.seller.businessName,
    order.seller.ruc,
    order.plant?.businessName ?? "",
    toDecimalString(order.requestedVolume),
    when(order.soldAt),
    when(order.dispatchedAt),
    when(order.porCerrarAt),
    when(order.endedAt),
    order.daysLate === null ? "" : String(order.daysLate),
  ];
}

const BATCH = 2_000;

export async function countOrders(db: Database, filter: OrderFilter): Promise<number> {
  return db.transaction(async (tx) => tx.order.count({ where: await orderWhere(tx, filter) }));
}

/** A stream of CSV text: a BOM (so spreadsheet programs read the accents), the header, then every order. */
export function ordersCsvStream(db: Database, filter: OrderFilter): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: Cursor | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${Papa.unparse([CSV_COLUMNS as unknown as string[]])}\r\n`));
        return;
      }
      if (done) return controller.close();
      // Each batch is its own short transaction, so an export never holds the database.
      const { orders } = await db.transaction(async (tx) => searchOrders(tx, filter, cursor, BATCH));
      if (orders.length === 0) {
        done = true;
        return controller.close();
      }
      const last = orders[orders.length - 1];
      cursor = { requestedAt: last.requestedAt, id: last.id };
      if (orders.length < BATCH) done = true;
      controller.enqueue(encoder.encode(`${Papa.unparse(orders.map(row))}\r\n`));
    },
  });
}
