/**
 * lib/lima-clock.ts formats Lima's wall clock by hand so that the forms' client code does without
 * date-fns's `format` (issue 16: JavaScript per page). date-fns with @date-fns/tz is the oracle:
 * the same answers for any instant, also in the years Lima kept summer time (1986–87, 1990, 1994).
 */
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { limaDateTimeInputToIso, limaDateTimeInputValue } from "@/lib/lima-clock";

const LIMA = "America/Lima";
const instants = fc.integer({ min: Date.UTC(1980, 0, 1), max: Date.UTC(2100, 0, 1) });

describe("Lima's wall clock without date-fns's format", () => {
  it("a datetime-local value as date-fns writes it, to the minute and to the second", () => {
    fc.assert(
      fc.property(instants, (time) => {
        const zoned = new TZDate(time, LIMA);
        expect(limaDateTimeInputValue(time)).toBe(format(zoned, "yyyy-MM-dd'T'HH:mm"));
        expect(limaDateTimeInputValue(new Date(time), { seconds: true })).toBe(format(zoned, "yyyy-MM-dd'T'HH:mm:ss"));
      }),
      { numRuns: 2000 },
    );
  });

  // From 1995 on Lima's offset has not changed, so no wall time is ambiguous (the hour repeated
  // when summer time ended may be read as either instant; the cases below pin the edges).
  it("reads a datetime-local value as the instant @date-fns/tz gives, with Lima's offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2100, 0, 1) }), (time) => {
        const value = format(new TZDate(time, LIMA), "yyyy-MM-dd'T'HH:mm:ss");
        const [y, m, d, h, min, s] = value.split(/[-T:]/).map(Number);
        const expected = new TZDate(y, m - 1, d, h, min, s, 0, LIMA);
        const iso = limaDateTimeInputToIso(value);
        expect(iso).toBe(expected.toISOString());
        expect(new Date(iso!).getTime()).toBe(Math.floor(time / 1000) * 1000);
      }),
      { numRuns: 2000 },
    );
  });

  it("a summer-time day of 1994, the hour skipped when it began, and today's UTC-5", () => {
    expect(limaDateTimeInputToIso("1994-02-15T12:00")).toBe("1994-02-15T12:00:00.000-04:00");
    expect(limaDateTimeInputToIso("1993-12-31T23:59")).toBe("1993-12-31T23:59:00.000-05:00");
    expect(limaDateTimeInputToIso("1994-01-01T00:30")).toBeNull();
    expect(limaDateTimeInputToIso("1994-04-01T00:30")).toBe("1994-04-01T00:30:00.000-05:00");
    expect(limaDateTimeInputToIso("2026-12-06T23:59:59")).toBe("2026-12-06T23:59:59.000-05:00");
    expect(limaDateTimeInputToIso("2026-02-29T08:00")).toBeNull();
  });
});
