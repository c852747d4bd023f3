/**
 * The parameters of a compliance report: the period, the SOLICITADO and POR CERRAR thresholds and the grading
 * figures, each defaulting to the seed and editable on the screen. They travel in the URL (a GET
 * form), so a report and its exports can be reproduced from the address alone.
 */
import { DEFAULT_UNCLOSED_DAYS } from "@/lib/orders/receipt";
import { calendarDaysBetween, isLimaDay, type LimaDay } from "@/lib/time";
import { z } from "@/lib/validation";
import {
  CUADRO_03_CENTS,
  CUADRO_04_HUNDREDTHS,
  DAY_RANGES,
  ORDER_RANGES,
  SOLICITADO_COST_CENTS,
  TYPE_CATEGORIES,
  TYPE_CATEGORY_LABELS,
  type TypeCategory,
} from "./grading";

export const DEFAULT_SOLICITADO_HOURS = 24;
export { DEFAULT_UNCLOSED_DAYS };
export const MAX_PERIOD_DAYS = 366;

/** URL names of the Cuadro Nro. 03 cells: c11 … c64 (row = order range, column = day range). */
export const costParam = (row: number, column: number) => `c${row + 1}${column + 1}`;
/** URL names of the Cuadro Nro. 04 factors. */
export const FACTOR_PARAMS: Record<TypeCategory, string> = {
  MAYORES: "fMayores",
  ENVASADORA: "fEnvasadora",
  TRANSPORTISTAS: "fTransportistas",
  VENTA_PUBLICO: "fVentaPublico",
  MENORES: "fMenores",
};

export interface ComplianceParams {
  from: LimaDay;
  to: LimaDay;
  /** an order SOLICITADO for longer than this many hours is unattended */
  solicitadoHours: number;
  /** an order POR CERRAR for longer than this many days (24 h each) has neither closure nor rejection */
  unclosedDays: number;
  /** Cuadro Nro. 03 in US cents */
  costCents: number[][];
  /** Cuadro Nro. 04 factors × 100 */
  factorHundredths: Record<TypeCategory, number>;
  /** seed 001's avoided cost of one unattended order, US cents */
  solicitadoCostCents: number;
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** "146.88" → 14688; at most two decimals, 0 to 1,000,000.00. */
export function parseAmount(text: string): number | null {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return cents <= 100_000_000 ? cents : null;
}

/** 14688 → "146.88"; also for factors in hundredths (30 → "0.30"). */
export function formatHundredths(value: number): string {
  return `${Math.floor(value / 100)}.${String(value % 100).padStart(2, "0")}`;
}

/** A field in hundredths (an amount or a factor): blank keeps the default; `valid` bounds it; a bad value gets `message`. */
function hundredthsField(fallback: number, valid: (hundredths: number) => boolean, message: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return fallback;
        const hundredths = parseAmount(value);
        if (hundredths === null || !valid(hundredths)) {
          ctx.addIssue({ code: "custom", message });
          return z.NEVER;
        }
        return hundredths;
      }),
  );
}

function amount(label: string, fallback: number) {
  return hundredthsField(fallback, () => true, `${label}: ingrese un monto en US$ de 0 a 1,000,000 con hasta dos decimales.`);
}

function factor(label: string, fallback: number) {
  return hundredthsField(
    fallback,
    (hundredths) => hundredths > 0 && hundredths <= 10_000,
    `Factor ${label}: ingrese un número mayor que 0 y hasta 100, con hasta dos decimales.`,
  );
}

const day = (label: string, fallback: LimaDay) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine((value) => isLimaDay(value), { message: `La fecha ${label} no es válida.` })
      .default(fallback),
  );

/** The parameters' schema; `today` (Lima) gives the default period: the current month so far. */
export function complianceParamsSchema(today: LimaDay) {
  const costShape: Record<string, ReturnType<typeof amount>> = {};
  CUADRO_03_CENTS.forEach((row, r) =>
    row.forEach((cents, c) => {
      costShape[costParam(r, c)] = amount(`Cuadro 03, ${ORDER_RANGES[r].label}, ${DAY_RANGES[c].label}`, cents);
    }),
  );
  const factorShape = Object.fromEntries(
    TYPE_CATEGORIES.map((category) => [FACTOR_PARAMS[category], factor(TYPE_CATEGORY_LABELS[category], CUADRO_04_HUNDREDTHS[category])]),
  ) as Record<string, ReturnType<typeof factor>>;

  return z
    .object({
      from: day("desde", `${today.slice(0, 8)}01`),
      to: day("hasta", today),
      hours: z.preprocess(
        blankToUndefined,
        z.coerce
          .number({ error: "Ingrese las horas como un número entero." })
          .int({ message: "Ingrese las horas como un número entero." })
          .min(1, { message: "El plazo de SOLICITADO debe ser de al menos 1 hora." })
          .max(720, { message: "El plazo de SOLICITADO no puede exceder 720 horas (30 días)." })
          .default(DEFAULT_SOLICITADO_HOURS),
      ),
      days: z.preprocess(
        blankToUndefined,
        z.coerce
          .number({ error: "Ingrese los días como un número entero." })
          .int({ message: "Ingrese los días como un número entero." })
          .min(1, { message: "El plazo sin cierre ni rechazo debe ser de al menos 1 día." })
          .max(60, { message: "El plazo sin cierre ni rechazo no puede exceder 60 días." })
          .default(DEFAULT_UNCLOSED_DAYS),
      ),
      solicitadoCost: amount("Costo evitado por orden SOLICITADO", SOLICITADO_COST_CENTS),
      ...costShape,
      ...factorShape,
    })
    .refine((input) => input.from <= input.to, { message: "La fecha desde debe ser anterior o igual a la fecha hasta.", path: ["to"] })
    .refine((input) => input.from > input.to || calendarDaysBetween(input.from, input.to) < MAX_PERIOD_DAYS, {
      message: `El periodo no puede exceder ${MAX_PERIOD_DAYS} días.`,
      path: ["to"],
    })
    .transform(
      (input): ComplianceParams => {
        const values = input as unknown as Record<string, number>;
        return {
          from: input.from,
          to: input.to,
          solicitadoHours: input.hours,
          unclosedDays: input.days,
          solicitadoCostCents: input.solicitadoCost,
          costCents: CUADRO_03_CENTS.map((row, r) => row.map((_, c) => values[costParam(r, c)])),
          factorHundredths: Object.fromEntries(
            TYPE_CATEGORIES.map((category) => [category, values[FACTOR_PARAMS[category]]]),
          ) as Record<TypeCategory, number>,
        };
      },
    );
}

/**
 * The parameters as URL search parameters: the period always, the rest only where it differs
 * from the seed, so a default report has a short address and any edited one is reproducible.
 */
export function complianceSearchParams(params: ComplianceParams): URLSearchParams {
  const search = new URLSearchParams({ from: params.from, to: params.to });
  if (params.solicitadoHours !== DEFAULT_SOLICITADO_HOURS) search.set("hours", String(params.solicitadoHours));
  if (params.unclosedDays !== DEFAULT_UNCLOSED_DAYS) search.set("days", String(params.unclosedDays));
  if (params.solicitadoCostCents !== SOLICITADO_COST_CENTS) search.set("solicitadoCost", formatHundredths(params.solicitadoCostCents));
  params.costCents.forEach((row, r) =>
    row.forEach((cents, c) => {
      if (cents !== CUADRO_03_CENTS[r][c]) search.set(costParam(r, c), formatHundredths(cents));
    }),
  );
  for (const category of TYPE_CATEGORIES) {
    const value = params.factorHundredths[category];
    if (value !== CUADRO_04_HUNDREDTHS[category]) search.set(FACTOR_PARAMS[category], formatHundredths(value));
  }
  return search;
}
