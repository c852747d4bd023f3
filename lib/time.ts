import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays, format } from "date-fns";
import { LIMA, limaOffsetMinutes } from "./lima-clock";

/**
 * Every date shown and every "same day" rule uses Lima's calendar; storage is UTC. What the
 * browser also needs lives in ./lima-clock.ts (without date-fns's `format`) and is re-exported here.
 */
export { LIMA, formatDay, formatLimaDateTime, limaDateTimeInputToIso, limaDateTimeInputValue, limaOffsetMinutes } from "./lima-clock";

/** A calendar day in Lima, 'YYYY-MM-DD'. */
export type LimaDay = string;

export function limaDay(instant: Date): LimaDay {
  return format(new TZDate(instant.getTime(), LIMA), "yyyy-MM-dd");
}

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function calendarDaysBetween(from: LimaDay, to: LimaDay): number {
  return differenceInCalendarDays(new Date(`${to}T00:00:00Z`), new Date(`${from}T00:00:00Z`));
}

/** The instant Lima's day `day` ends (its next midnight), as a UTC Date. */
export function endOfLimaDay(day: LimaDay): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d + 1, 0, 0, 0, 0, LIMA).getTime());
}

/** The instant Lima's day `day` starts, as a UTC Date. */
export function startOfLimaDay(day: LimaDay): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, 0, LIMA).getTime());
}

/** The Lima day `days` calendar days after `day` (before, when negative). */
export function addLimaDays(day: LimaDay, days: number): LimaDay {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "30/06/2021". */
export function formatLimaDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), LIMA), "dd/MM/yyyy");
}

export function isLimaDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * The Lima wall-clock time of `instant` as a Date whose UTC fields read that time: what a
 * spreadsheet cell needs, since Excel dates carry no time zone.
 */
export function limaWallClock(instant: Date): Date {
  return new Date(instant.getTime() + limaOffsetMinutes(instant.getTime()) * 60_000);
}
