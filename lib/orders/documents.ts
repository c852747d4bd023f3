/**
 * Guía de remisión and factura numbers in the formats in real use, stored normalised so that the
 * same document always reads the same:
 * - SUNAT electronic series: four characters beginning with a letter — facturas F001 (or E001,
 *   issued from SUNAT's portal), guías de remisión T001 (remitente), V001 (transportista) or
 *   EG01…EG07 (SUNAT's portal) — and a correlative of up to 8 digits: "F001-00001234".
 * - Physical (pre-printed) series: 3 or 4 digits and a correlative of up to 8 digits: "0001-0001387".
 * - The number alone, as seed 001 quotes them ("Factura N° 001387", "Guía de Remisión N° 000929").
 * Normal form: series upper case (a 3-digit physical series padded to 4), a hyphen, and the
 * correlative padded to 8 digits for electronic series (SUNAT's width) and to 7 for physical ones
 * (the width printed on them); a bare number is padded to 6 digits, as seed 001 prints them.
 */
export type DocumentKind = "factura" | "guia";

const ELECTRONIC_SERIES: Record<DocumentKind, RegExp> = {
  factura: /^(F[A-Z0-9]{3}|E\d{3})$/,
  guia: /^(T[A-Z0-9]{3}|V[A-Z0-9]{3}|EG0[1-7])$/,
};

export const DOCUMENT_EXAMPLES: Record<DocumentKind, string> = {
  factura: "F001-00001234, 0001-0001387 o solo el número, 001387",
  guia: "T001-00012345, EG01-00000123, 0001-0000929 o solo el número, 000929",
};

const LABEL: Record<DocumentKind, string> = { factura: "La factura", guia: "La guía de remisión" };

export type DocumentResult = { ok: true; value: string } | { ok: false; message: string };

/** Normalises a typed document number, or says in Spanish what is wrong with it. */
export function parseDocumentNumber(kind: DocumentKind, typed: string): DocumentResult {
  const text = typed.trim().toUpperCase().replace(/^N[°º.]?\s*/, "").replace(/\s+/g, "");
  if (text === "") return { ok: false, message: `Ingrese ${kind === "factura" ? "la factura" : "la guía de remisión"}.` };
  if (/^\d+$/.test(text)) {
    const value = text.replace(/^0+/, "");
    if (value === "" || value.length > 8) return { ok: false, message: `${LABEL[kind]} no es válida: el número tiene de 1 a 8 dígitos y no es cero.` };
    return { ok: true, value: value.padStart(6, "0") };
  }
  const match = /^([A-Z0-9]{3,4})-(\d+)$/.exec(text);
  if (!match) return { ok: false, message: `${LABEL[kind]} debe tener serie y número, o solo el número; por ejemplo ${DOCUMENT_EXAMPLES[kind]}.` };
  const [, series, number] = match;
  const correlative = number.replace(/^0+/, "");
  if (correlative === "" || correlative.length > 8) {
    return { ok: false, message: `${LABEL[kind]} no es válida: el número correlativo tiene de 1 a 8 dígitos y no es cero.` };
  }
  if (/^\d{3,4}$/.test(series)) return { ok: true, value: `${series.padStart(4, "0")}-${correlative.padStart(7, "0")}` };
  if (ELECTRONIC_SERIES[kind].test(series)) return { ok: true, value: `${series}-${correlative.padStart(8, "0")}` };
  const other = kind === "factura" ? ELECTRONIC_SERIES.guia.test(series) : ELECTRONIC_SERIES.factura.test(series);
  return {
    ok: false,
    message: other
      ? `La serie ${series} no corresponde a ${kind === "factura" ? "una factura" : "una guía de remisión"}: por ejemplo ${DOCUMENT_EXAMPLES[kind]}.`
      : `La serie ${series} no es una serie de SUNAT válida: por ejemplo ${DOCUMENT_EXAMPLES[kind]}.`,
  };
}
