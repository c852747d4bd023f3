import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { storedInstant } from "@/lib/db/read-stream";
import { FORMULA_START, csvField, csvLine } from "@/lib/regulator/csv-export";
import { LIMA, formatLimaDateTime } from "@/lib/time";

/** Text with the characters CSV cares about, mixed with ordinary ones. */
const tricky = fc.string({ unit: fc.constantFrom("a", "Ñ", "ó", " ", ",", '"', "\r", "\n", "\uFEFF", ";", "'", "=", "+", "-", "@", "\t", "1") });
const text = fc.oneof(tricky, fc.string(), fc.string({ unit: "grapheme" }));

describe("CSV writing", () => {
  it("writes a record exactly as Papa Parse does (formulas escaped), with a CRLF", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (fields) => {
        expect(csvLine(fields)).toBe(`${Papa.unparse([fields], { escapeFormulae: FORMULA_START })}\r\n`);
      }),
      { numRuns: 2_000 },
    );
  });

  it("reads back, field for field, through an RFC 4180 reader", () => {
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (records) => {
        const width = records[0].length;
        const rows = records.map((record) => Array.from({ length: width }, (_, i) => record[i] ?? ""));
        const parsed = Papa.parse<string[]>(rows.map(csvLine).join(""), { delimiter: ",", newline: "\r\n" }).data;
        // Papa reads the empty record after the last CRLF as one empty field; a text that would
        // start a formula comes back with the ' that neutralises it (csv-injection.test.ts).
        const neutralised = rows.map((row) => row.map((field) => (/^[=+\-@\t\r]/.test(field) ? `'${field}` : field)));
        expect(parsed.slice(0, rows.length)).toEqual(neutralised);
      }),
      { numRuns: 1_000 },
    );
  });

  it("quotes commas, quotes, line breaks and edge spaces, and nothing else", () => {
    expect(csvField('Comercial "El Sol", S.A.')).toBe('"Comercial ""El Sol"", S.A."');
    expect(csvField("Av. Lima\r\n123")).toBe('"Av. Lima\r\n123"');
    expect(csvField(" Bosón")).toBe('" Bosón"');
    expect(csvField("Bosón de Higgs S.A.C.")).toBe("Bosón de Higgs S.A.C.");
    expect(csvField("")).toBe("");
  });
});

describe("instants in the export", () => {
  const instants = fc.date({ min: new Date("1995-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59.999Z"), noInvalidDate: true });

  it("formats Lima's wall clock as date-fns does with the time-zone database", () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const expected = format(new TZDate(instant.getTime(), LIMA), "dd/MM/yyyy HH:mm:ss");
        expect(formatLimaDateTime(instant)).toBe(expected);
        expect(formatLimaDateTime(instant.getTime())).toBe(expected);
      }),
      { numRuns: 5_000 },
    );
    expect(formatLimaDateTime(new Date("2026-03-10T04:59:59.999Z"))).toBe("09/03/2026 23:59:59");
    expect(formatLimaDateTime(new Date("2026-03-10T05:00:00.000Z"))).toBe("10/03/2026 00:00:00");
  });

  it("reads a stored DateTime, SQLite's ISO text or PostgreSQL's timestamp text, as the same instant", () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const iso = instant.toISOString();
        expect(storedInstant(iso.replace("Z", "+00:00"))).toBe(instant.getTime());
        expect(storedInstant(iso.replace("T", " ").replace("Z", ""))).toBe(instant.getTime());
      }),
      { numRuns: 5_000 },
    );
    // Other shapes go to Date.parse, read as UTC when they carry no zone.
    expect(storedInstant("2026-03-10T04:30:00Z")).toBe(Date.parse("2026-03-10T04:30:00.000Z"));
    expect(storedInstant("2026-03-10 04:30:00.5")).toBe(Date.parse("2026-03-10T04:30:00.500Z"));
    expect(storedInstant("2026-03-10T04:30:00.000-05:00")).toBe(Date.parse("2026-03-10T09:30:00.000Z"));
  });
});
