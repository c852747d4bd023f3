/**
 * The report's exports: CSV (Papa Parse, as the Movimientos export) one table at a time, and an
 * Excel workbook (ExcelJS) with the parameters, both per-agent tables and the orders. Both carry
 * the same rows as the screen, built by the same functions.
 */
import ExcelJS from "exceljs";
import Papa from "papaparse";
import type { Database } from "@/lib/db/database";
import { LATENESS_BASIS_LABELS, type LatenessBasis } from "@/lib/orders/receipt";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { AGENT_TYPE_LABELS } from "@/lib/registry/agent-types";
import { formatDay, formatLimaDateTime } from "@/lib/time";
import { FORMULA_START } from "@/lib/regulator/csv-export";
import { toDecimalString } from "@/lib/volume";
import { DAY_RANGES, ORDER_RANGES, TYPE_CATEGORIES, TYPE_CATEGORY_LABELS } from "./grading";
import { allLateOrders, type LateOrder } from "./late-orders";
import { formatHundredths } from "./parameters";
import { LATE_KIND_LABELS, type ClosureAgentRow, type ComplianceReport, type ConstatacionAgentRow, type UnattendedAgentRow } from "./report";

export const CSV_TABLES = ["compradores", "constatados", "vendedores", "ordenes"] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Cell = string | number;

/** Mean days late with two decimals, e.g. 1.5 → "1.50" (exact: computed on hundredths). */
export function meanDays(totalDays: number, orders: number): string {
  return formatHundredths(Math.round((totalDays * 100) / orders));
}

const agentColumns = ["Razón social", "RUC", "N° de registro", "Tipo de agente", "Departamento"];
const agentCells = (row: ClosureAgentRow | ConstatacionAgentRow | UnattendedAgentRow): Cell[] => [
  row.agent.businessName,
  row.agent.ruc,
  row.agent.registryNumber,
  AGENT_TYPE_LABELS[row.agent.type],
  row.agent.department,
];

export const BUYER_COLUMNS = [
  ...agentColumns,
  "Cerradas fuera de plazo",
  "De ellas, retraso contado desde la venta o despacho",
  "Rechazadas fuera de plazo",
  "Días de retraso de los rechazos",
  "Sin cierre ni rechazo",
  "Órdenes con retraso",
  "Rango de órdenes (Cuadro 03)",
  "Días de retraso (total)",
  "Promedio de días",
  "Rango de días (promedio)",
  ...DAY_RANGES.map((range) => `Órdenes ${range.label.toLowerCase()}`),
  "Tipo (Cuadro 04)",
  "Factor T",
  "Costo parcial Cuadro 03 (US$)",
  "Costo evitado estimado (US$)",
];

export function buyerCells(row: ClosureAgentRow): Cell[] {
  const graded = row.orderRange !== null && row.dayRange !== null;
  return [
    ...agentCells(row),
    row.lateClosed,
    row.lateClosedFromSale,
    row.lateRejected,
    row.rejectionDaysLate,
    row.unclosed,
    row.orders,
    graded ? ORDER_RANGES[row.orderRange!].label : "",
    row.totalDaysLate,
    row.orders ? meanDays(row.totalDaysLate, row.orders) : "",
    graded ? DAY_RANGES[row.dayRange!].label : "",
    ...row.daysDistribution,
    TYPE_CATEGORY_LABELS[row.category],
    formatHundredths(row.factorHundredths),
    formatHundredths(row.partialCents),
    formatHundredths(row.costCents),
  ];
}

export const CONSTATADO_COLUMNS = [...agentColumns, "Órdenes constatadas descargando en SOLICITADO", "Constataciones", "Constatación más reciente", "Costo evitado estimado (US$)"];

export function constatadoCells(row: ConstatacionAgentRow): Cell[] {
  return [...agentCells(row), row.orders, row.constataciones, formatLimaDateTime(row.latestObservedAt), formatHundredths(row.costCents)];
}

export const SELLER_COLUMNS = [...agentColumns, "Órdenes SOLICITADO sin atender", "Rango de órdenes", "Solicitada más antigua", "Costo evitado estimado (US$)"];

export function sellerCells(row: UnattendedAgentRow): Cell[] {
  return [...agentCells(row), row.orders, ORDER_RANGES[row.orderRange].label, formatLimaDateTime(row.oldestRequestedAt), formatHundredths(row.costCents)];
}

export const ORDER_COLUMNS = [
  "Incumplimiento",
  "Código de Autorización",
  "Estado",
  "Comprador",
  "RUC Comprador",
  "Vendedor",
  "RUC Vendedor",
  "Volumen Solicitado (gal)",
  "Fecha Pedido",
  "Por Cerrar desde",
  "Día en que correspondía cerrar o rechazar",
  "Retraso contado desde",
  "Fecha Cierre/Fin",
  "Días de retraso",
  "Días sin cierre ni rechazo",
  "Horas en SOLICITADO",
  "Constatación: fecha y hora",
  "Constatación: lugar",
  "Constatación: placa",
];

export function orderCells(order: LateOrder): Cell[] {
  const basis = order.daysLate !== null && order.latenessBasis ? LATENESS_BASIS_LABELS[order.latenessBasis as LatenessBasis] : "";
  return [
    LATE_KIND_LABELS[order.kind],
    order.code,
    STATE_LABELS[order.state as OrderState] ?? order.state,
    order.buyer.businessName,
    order.buyer.ruc,
    order.seller.businessName,
    order.seller.ruc,
    toDecimalString(order.requestedVolume),
    formatLimaDateTime(order.requestedAt),
    order.porCerrarAt ? formatLimaDateTime(order.porCerrarAt) : "",
    order.daysLate !== null && order.dueDay ? formatDay(order.dueDay) : "",
    basis,
    order.endedAt ? formatLimaDateTime(order.endedAt) : "",
    order.daysLate ?? "",
    order.daysWaiting ?? "",
    order.hoursWaiting ?? "",
    order.constatacion ? formatLimaDateTime(order.constatacion.observedAt) : "",
    order.constatacion?.place ?? "",
    order.constatacion?.plate ?? "",
  ];
}

/** The parameters the report was computed with, as label/value rows. */
export function parameterRows(report: ComplianceReport): Cell[][] {
  const { params } = report;
  return [
    ["Periodo desde", formatDay(params.from)],
    ["Periodo hasta", formatDay(params.to)],
    ["Generado", formatLimaDateTime(report.generatedAt)],
    ["Plazo sin cierre ni rechazo (días)", params.unclosedDays],
    ["Plazo de SOLICITADO (horas)", params.solicitadoHours],
    ["Costo evitado por orden SOLICITADO (US$)", formatHundredths(params.solicitadoCostCents)],
    ...ORDER_RANGES.flatMap((range, r) =>
      DAY_RANGES.map((days, c): Cell[] => [`Cuadro 03: ${range.label}, ${days.label} (US$)`, formatHundredths(params.costCents[r][c])]),
    ),
    ...TYPE_CATEGORIES.map((category): Cell[] => [`Cuadro 04: factor ${TYPE_CATEGORY_LABELS[category]}`, formatHundredths(params.factorHundredths[category])]),
  ];
}

// A text starting with =, +, -, @, a tab or a CR gets a leading ' (OWASP, "CSV Injection"), as
// the Movimientos export's csvField does. Papa's own `escapeFormulae: true` misses such a text
// when a line break follows (its pattern is /^[=+\-@\t\r].*$/), so it is given ours.
const csv = (rows: Cell[][]) => `${Papa.unparse(rows, { escapeFormulae: FORMULA_START })}\r\n`;

/** One table of the report as CSV text, with a BOM so spreadsheet programs read the accents. */
export async function complianceCsv(db: Database, report: ComplianceReport, table: CsvTable): Promise<string> {
  if (table === "compradores") return `\uFEFF${csv([BUYER_COLUMNS, ...report.buyers.map(buyerCells)])}`;
  if (table === "constatados") return `\uFEFF${csv([CONSTATADO_COLUMNS, ...report.constatadoSellers.map(constatadoCells)])}`;
  if (table === "vendedores") return `\uFEFF${csv([SELLER_COLUMNS, ...report.sellers.map(sellerCells)])}`;
  const rows: Cell[][] = [ORDER_COLUMNS];
  for await (const order of allLateOrders((work) => db.transaction(work), report.params, report.generatedAt)) rows.push(orderCells(order));
  return `\uFEFF${csv(rows)}`;
}

const DECIMAL = /^\d+\.\d{2}$/;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  // Amounts, factors and volumes are exact decimal text; in the workbook they become numbers.
  for (const row of rows) {
    const decimal = row.map((cell) => typeof cell === "string" && DECIMAL.test(cell));
    const added = sheet.addRow(row.map((cell, i) => (decimal[i] ? Number(cell) : cell)));
    decimal.forEach((isDecimal, i) => {
      if (isDecimal) added.getCell(i + 1).numFmt = "0.00";
    });
  }
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(50, Math.max(12, header[i]?.length ?? 12));
  });
  return sheet;
}

/** The whole report as an .xlsx workbook. */
export async function complianceWorkbook(db: Database, report: ComplianceReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SCOP GLP — Osinergmin";
  workbook.created = report.generatedAt;
  addSheet(workbook, "Parámetros", ["Parámetro", "Valor"], parameterRows(report)).getColumn(1).width = 60;
  addSheet(workbook, "Compradores", BUYER_COLUMNS, report.buyers.map(buyerCells));
  addSheet(workbook, "Constatados", CONSTATADO_COLUMNS, report.constatadoSellers.map(constatadoCells));
  addSheet(workbook, "Vendedores", SELLER_COLUMNS, report.sellers.map(sellerCells));
  const orders: Cell[][] = [];
  for await (const order of allLateOrders((work) => db.transaction(work), report.params, report.generatedAt)) orders.push(orderCells(order));
  addSheet(workbook, "Órdenes", ORDER_COLUMNS, orders);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
