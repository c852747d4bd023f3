/**
 * The period of the regulator's "Tablero": Lima days from–to, both included. Without dates it is
 * the last 30 days up to today; at most 92 days (any three calendar months), which keeps the
 * daily chart readable and the aggregates fast on a national database.
 */
import { addLimaDays, calendarDaysBetween, isLimaDay, type LimaDay } from "@/lib/time";
import { z } from "@/lib/validation";

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 92;

export interface DashboardPeriod {
  from: LimaDay;
  to: LimaDay;
}

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const day = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `La fecha ${label} no es válida.` })
      .trim()
      .refine(isLimaDay, { message: `La fecha ${label} no es válida (AAAA-MM-DD).` })
      .optional(),
  );

/** The period schema as of Lima's `today`: a missing "hasta" is today, a missing "desde" 29 days before it. */
export function dashboardPeriodSchema(today: LimaDay) {
  return z
    .object({ from: day("desde"), to: day("hasta") })
    .transform(({ from, to }): DashboardPeriod => {
      const end = to ?? today;
      return { from: from ?? addLimaDays(end, -(DEFAULT_PERIOD_DAYS - 1)), to: end };
    })
    .refine((period) => period.to <= today, { message: "La fecha hasta no puede ser posterior a hoy.", path: ["to"] })
    .refine((period) => period.from <= period.to, { message: "La fecha desde debe ser anterior o igual a la fecha hasta.", path: ["to"] })
    .refine((period) => calendarDaysBetween(period.from, period.to) < MAX_PERIOD_DAYS, {
      message: `El periodo no puede exceder ${MAX_PERIOD_DAYS} días.`,
      path: ["from"],
    });
}

/** Every Lima day of the period, in order. */
export function daysOf(period: DashboardPeriod): LimaDay[] {
  const count = calendarDaysBetween(period.from, period.to) + 1;
  return Array.from({ length: count }, (_, index) => addLimaDays(period.from, index));
}
