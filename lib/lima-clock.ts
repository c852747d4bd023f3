import { tzOffset } from "@date-fns/tz";

/**
 * Lima's wall clock without date-fns's `format`: what the forms' client code needs (dates shown,
 * datetime-local fields). date-fns's `format` brings its English locale and every token's
 * formatter, about 6 KiB of compressed JavaScript on each page with a form (issue 16); here the
 * offset comes from @date-fns/tz's `tzOffset` (the browser's Intl) and the fields are padded by
 * hand. lib/time.ts re-exports these for the server.
 */
export const LIMA = "America/Lima";

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

/** 'YYYY-MM-DD' → "30/06/2021". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-");
  return `${d}/${m}/${y}`;
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
  const time = typeof instant === "number" ? instant : instant.getTime();
  const wall = new Date(time + limaOffsetMinutes(time) * 60_000);
  const minute = `${String(wall.getUTCFullYear()).padStart(4, "0")}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  return seconds ? `${minute}:${pad(wall.getUTCSeconds())}` : minute;
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
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  const wall = date.setUTCHours(h, min, s, 0);
  // the offset at the wall time, then at the instant it gives (they differ only across a change of offset)
  let time = wall - limaOffsetMinutes(wall) * 60_000;
  time = wall - limaOffsetMinutes(time) * 60_000;
  // A day or hour that does not exist (30 February, 25:00) rolls over: refuse it rather than guess.
  if (Number.isNaN(time) || limaDateTimeInputValue(time) !== value.slice(0, 16)) return null;
  const offset = limaOffsetMinutes(time);
  const sign = offset < 0 ? "-" : "+";
  return `${limaDateTimeInputValue(time, { seconds: true })}.000${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}
