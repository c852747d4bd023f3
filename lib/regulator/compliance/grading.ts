/**
 * How the regulator grades late closures, from seed 003 (Resolución Nro. 2743-2022-OS/OR TUMBES,
 * "Graduación del costo evitado", numerals 4.7–4.14) and, for orders left SOLICITADO, seed 001.
 * Pure functions over counts: the report (report.ts) brings the counts from the database.
 */
import type { AgentType } from "@/lib/registry/agent-types";

/** Cuadro Nro. 03, rows: "Rango (órdenes de pedido)". `max` is inclusive. */
export const ORDER_RANGES = [
  { max: 3, label: "Hasta 3 O.P." },
  { max: 6, label: "Mayor a 3 hasta 6 O.P." },
  { max: 12, label: "Mayor a 6 hasta 12 O.P." },
  { max: 24, label: "Mayor a 12 hasta 24 O.P." },
  { max: 48, label: "Mayor a 24 hasta 48 O.P." },
  { max: Infinity, label: "Mayor a 48 O.P." },
] as const;

/**
 * Cuadro Nro. 03, columns: days between the physical delivery and the CERRADO record. The seed
 * writes the last one "más de 11 días"; after "6 a 10 días" it can only mean 11 or more.
 */
export const DAY_RANGES = [
  { max: 2, label: "Hasta 2 días" },
  { max: 5, label: "3 a 5 días" },
  { max: 10, label: "6 a 10 días" },
  { max: Infinity, label: "11 días o más" },
] as const;

/**
 * Cuadro Nro. 03, "Costo Evitado Total (US$)", in US cents: [order range][day range]. These are the
 * seed's printed figures, kept as printed: they are the 1,224 US$ standard cost of Cuadro Nro. 02
 * times the range's "factor de ponderación" (0.12 … 3.84) times a semestral update rate, and the
 * printed rows do not all follow one rate (the first row grows by 1.051 per step, the others do
 * not grow from "hasta 2" to "3 a 5 días"), so recomputing them would not be the seed's table.
 */
export const CUADRO_03_CENTS: readonly (readonly number[])[] = [
  [14688, 15437, 17052, 19796],
  [29376, 29376, 32449, 37671],
  [58752, 58752, 64898, 75342],
  [117504, 117504, 129795, 150684],
  [235008, 235008, 259590, 301367],
  [470016, 470016, 519180, 602735],
];

/** Cuadro Nro. 04, "Factor de ponderación T" by the seed's agent categories (hundredths). */
export const TYPE_CATEGORIES = ["MAYORES", "ENVASADORA", "TRANSPORTISTAS", "VENTA_PUBLICO", "MENORES"] as const;
export type TypeCategory = (typeof TYPE_CATEGORIES)[number];

export const TYPE_CATEGORY_LABELS: Record<TypeCategory, string> = {
  MAYORES: "Otras unidades Mayores",
  ENVASADORA: "Planta Envasadora",
  TRANSPORTISTAS: "Transportistas",
  VENTA_PUBLICO: "Estación de Venta al Público",
  MENORES: "Otras unidades menores",
};

export const CUADRO_04_HUNDREDTHS: Record<TypeCategory, number> = {
  MAYORES: 500,
  ENVASADORA: 250,
  TRANSPORTISTAS: 150,
  VENTA_PUBLICO: 100,
  MENORES: 30,
};

/**
 * Which row of Cuadro Nro. 04 each registry type falls in. The seed's own case (4.14) puts a
 * Estación de Servicio at 1.0. A Distribuidor a Granel is a tank-truck business: "Trasportistas"
 * (as lib/seed/large/orders.ts reads the same table). Consumidores Directos and Redes de
 * Distribución order ~385 gal: "Otras unidades menores". Producers, importers and supply plants
 * (500,776 gal per order) are "Otras unidades Mayores".
 */
export const TYPE_CATEGORY_OF: Record<AgentType, TypeCategory> = {
  CONSUMIDOR_DIRECTO: "MENORES",
  RED_DE_DISTRIBUCION: "MENORES",
  GASOCENTRO: "VENTA_PUBLICO",
  PLANTA_ENVASADORA: "ENVASADORA",
  DISTRIBUIDOR_A_GRANEL: "TRANSPORTISTAS",
  COMERCIALIZADOR: "MAYORES",
  PLANTA_ABASTECIMIENTO: "MAYORES",
  OSINERGMIN: "MAYORES",
};

/**
 * Seed 001 (Resolución sobre HYTEK AUTOGAS, Cuadro N° 01): the avoided cost of one order left
 * SOLICITADO while the product was delivered: a supervisor 20 US$ × 4 h × 1 day (80 US$) plus a
 * technician 13 US$ × 8 h × 1 day (104 US$) = 184 US$. That resolution grades no ranges nor agent
 * types, so the report applies it per order, without Cuadro Nro. 03 or 04.
 */
export const SOLICITADO_COST_CENTS = 18_400;

/** Index of the Cuadro Nro. 03 row for `orders` late orders (orders ≥ 1). */
export function orderRangeIndex(orders: number): number {
  return ORDER_RANGES.findIndex((range) => orders <= range.max);
}

/** Index of the day range of `days` days late (a single order). */
export function dayRangeIndex(days: number): number {
  return DAY_RANGES.findIndex((range) => days <= range.max);
}

/**
 * Index of the Cuadro Nro. 03 column for an agent's orders. The note under the table: "En caso de
 * tratarse de O.P. con distanciamientos de diferentes días ... se considera el promedio de días de
 * las i órdenes de pedidos". Compared as totalDays ≤ max × orders, so no rounding of the mean: an
 * average of 2.5 days is more than "hasta 2 días" and falls in "3 a 5 días".
 */
export function meanDayRangeIndex(totalDays: number, orders: number): number {
  return DAY_RANGES.findIndex((range) => totalDays <= range.max * orders);
}

/**
 * Numeral 4.14: "el costo evitado total ... será igual al costo parcial, considerando el escenario
 * de incumplimiento obtenido del cuadro Nro. 3, por el factor de ponderación según tipo de agente
 * mostrado en cuadro Nro. 4" (their case: 1 order, 2 days, estación de servicio: 146.88 × 1.0).
 * `factorHundredths` is the factor × 100; the result is rounded to the cent.
 */
export function closureCostCents(partialCents: number, factorHundredths: number): number {
  return Math.round((partialCents * factorHundredths) / 100);
}
