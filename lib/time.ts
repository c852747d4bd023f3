import { TZDate, tzOffset } from "@date-fns/tz";
import { differenceInCalendarDays, format } from "date-fns";

/** Every date shown and every "same day" rule uses Lima's calendar; storage is UTC. */
export const LIMA = "America/Lima";

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

const pad = (n: number) => String(n).padStart(2, "0");

const DAY = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => pad(n));
/** "dd/mm/yyyy " of recent wall-clock days: an export formats millions of instants over a few hundred days. */
const dayPrefixes = new Map<number, string>();

/** "30/06/2021 20:23:53", as the manual shows a movement's date and time. */
export function formatLimaDateTime(instant: Date | number): string {
  const time = typeof instant === "number" ? instant : instant.getTime();
  const wall = time + limaOffsetMinutes(time) * 60_000;
  const days = Math.floor(wall / DAY);
  let prefix = dayPrefixes.get(days);
  if (prefix === undefined) {
    if (dayPrefixes.size >= 10_000) dayPrefixes.clear();
    const day = new Date(days * DAY);
    prefix = `${pad(day.getUTCDate())}/${pad(day.getUTCMonth() + 1)}/${day.getUTCFullYear()} `;
    dayPrefixes.set(days, prefix);
  }
  const seconds = Math.floor((wall - days * DAY) / 1000);
  return `${prefix}${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;
}

/** "30/06/2021". */
export function formatLimaDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), LIMA), "dd/MM/yyyy");
}

/** 'YYYY-MM-DD' → "30/06/2021". */
export function formatDay(day: LimaDay): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
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

// Zone offsets change only on quarter-hour boundaries, so one lookup per quarter hour is exact;
// the memo keeps exports of millions of dates from asking Intl for each.
const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<number, number>();

/** Lima's offset from UTC, in minutes, at the instant `time` (epoch milliseconds). */
export function limaOffsetMinutes(time: number): number {
  const quarter = Math.floor(time / QUARTER_HOUR);
  let offset = offsets.get(quarter);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    offset = tzOffset(LIMA, new Date(quarter * QUARTER_HOUR));
    offsets.set(quarter, offset);
  }
  return offset;
}

/**
 * The Lima wall-clock time of `instant` as a datetime-local input's value: to the minute,
 * "2026-12-06T08:30", or to the second with `seconds` ("2026-12-06T08:30:15", for `step={1}`).
 */
export function limaDateTimeInputValue(instant: Date | number, { seconds = false }: { seconds?: boolean } = {}): string {
  return format(new TZDate(typeof instant === "number" ? instant : instant.getTime(), LIMA), seconds ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm");
}

/**
 * A datetime-local input's value ("2026-12-06T08:30", or with seconds "2026-12-06T08:30:15"), read
 * as Lima wall-clock time, as an ISO instant with its offset ("2026-12-06T08:30:00.000-05:00"); null when it is not
 * such a value. The browser's own zone plays no part: the portal's times are Lima's wherever it is used.
 */
export function limaDateTimeInputToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return null;
  const [y, m, d, h, min] = match.slice(1, 6).map(Number);
  const s = match[6] === undefined ? 0 : Number(match[6]);
  if (s > 59) return null;
  const date = new TZDate(y, m - 1, d, h, min, s, 0, LIMA);
  // A day or hour that does not exist (30 February, 25:00) rolls over: refuse it rather than guess.
  if (Number.isNaN(date.getTime()) || limaDateTimeInputValue(date) !== value.slice(0, 16)) return null;
  return date.toISOString();
}
