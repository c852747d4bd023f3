/**
 * The file of historical orders exported from the legacy SCOP, and every check of a row that
 * needs no database (shared by the browser's preview, the server and the CLI script).
 *
 * One row per order: its code, the parties by RUC and registry number, the volumes, the final
 * state and its movements — "EVENTO fecha hora" separated by ";", in America/Lima time, as "Ver
 * Mov." lists them (e.g. "SOLICITADO 30/06/2021 19:09:26; ANULADO 30/06/2021 19:54:52").
 * Only finished orders are imported (CERRADO, ANULADO, RECHAZADO): history. An order still open
 * in the legacy system at the cut-over is finished there, or generated again here, because an
 * open order reserves the buyer's capacity and waits for actions that only this portal records.
 */
import { allowedSteps } from "@/lib/orders/allowed-steps";
import { parseDocumentNumber } from "@/lib/orders/documents";
import { FINAL_STATES, MOVEMENT_EVENTS, type MovementEvent, type OrderState } from "@/lib/orders/states";
import { normalizePlate, plateMessage } from "@/lib/registry/plate";
import { isValidRegistryNumber } from "@/lib/registry/registry-number";
import { isValidRuc } from "@/lib/registry/ruc";
import { isLimaDay } from "@/lib/time";
import { parseGallons, type Hundredths } from "@/lib/volume";
import type { CsvRow, RowError } from "@/lib/registry/import-errors";

export const LEGACY_CSV_COLUMNS = [
  { column: "codigo", label: "Código de Autorización", help: "Los 11 dígitos del SCOP anterior, tal como se emitieron." },
  { column: "ruc_comprador", label: "RUC del comprador", help: "11 dígitos; el comprador debe estar inscrito en el Registro." },
  { column: "registro_comprador", label: "Registro del comprador", help: "Su número de registro, que debe coincidir con el del RUC." },
  { column: "ruc_vendedor", label: "RUC del vendedor", help: "Planta Envasadora, Distribuidor a Granel o Productor / Comercializador inscrito." },
  { column: "registro_vendedor", label: "Registro del vendedor", help: "Su número de registro." },
  { column: "ruc_planta", label: "RUC de la planta", help: "Solo si el vendedor es Productor / Comercializador (flujo b): la Planta de Abastecimiento." },
  { column: "registro_planta", label: "Registro de la planta", help: "Solo en flujo b." },
  { column: "volumen_solicitado", label: "Volumen solicitado (gal)", help: "Galones con hasta dos decimales, punto decimal." },
  { column: "estado", label: "Estado", help: "Estado final: CERRADO, ANULADO o RECHAZADO." },
  { column: "movimientos", label: "Movimientos", help: "«EVENTO fecha hora» separados por «;», hora de Lima: SOLICITADO, VENDIDO, DESPACHADO, CERRADO, ANULADO, RECHAZADO." },
  { column: "volumen_vendido", label: "Volumen vendido (gal)", help: "Si la orden se vendió." },
  { column: "placa", label: "Placa", help: "Placa de la cisterna, si la orden se vendió." },
  { column: "guia_remision", label: "Guía de remisión", help: "Opcional." },
  { column: "factura", label: "Factura", help: "Opcional." },
  { column: "volumen_despachado", label: "Volumen despachado (gal)", help: "Flujo b, si se despachó." },
  { column: "volumen_recibido", label: "Volumen recibido (gal)", help: "Si la orden se cerró." },
  { column: "fecha_entrega", label: "Fecha de entrega", help: "Opcional, AAAA-MM-DD; si falta, el día del pedido." },
  { column: "motivo_rechazo", label: "Motivo del rechazo", help: "Opcional." },
] as const;

/** The columns a file must have (the optional ones may be empty, but are present). */
export const LEGACY_CSV_HEADER = LEGACY_CSV_COLUMNS.map((column) => column.column);
/** The screen sends every row in one server action (8 MB, next.config.ts): larger files go through `npm run import:legacy`. */
export const MAX_LEGACY_SCREEN_ROWS = 10_000;

export interface LegacyMovement {
  event: MovementEvent;
  state: OrderState;
  at: Date;
}

/** A row that passed every check that needs no database. */
export interface LegacyRow {
  row: number;
  code: string;
  buyer: { ruc: string; registryNumber: string };
  seller: { ruc: string; registryNumber: string };
  plant: { ruc: string; registryNumber: string } | null;
  requestedVolume: Hundredths;
  state: OrderState;
  movements: LegacyMovement[];
  lot: {
    soldVolume: Hundredths;
    plate: string;
    guiaRemision: string;
    factura: string;
    dispatchedVolume: Hundredths | null;
    receivedVolume: Hundredths | null;
  } | null;
  deliveryDate: string | null;
  rejectionReason: string | null;
}

export function missingLegacyColumns(header: string[]): string[] {
  const present = new Set(header.map((name) => name.trim().toLowerCase()));
  return LEGACY_CSV_HEADER.filter((name) => !present.has(name));
}

/** "30/06/2021 19:09:26" or "2021-06-30 19:09:26" (America/Lima, UTC−5 all year) → the instant. */
export function parseLimaDateTime(text: string): Date | null {
  const match = /^(?:(\d{2})\/(\d{2})\/(\d{4})|(\d{4})-(\d{2})-(\d{2}))[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = match[1] ? [match[3], match[2], match[1]] : [match[4], match[5], match[6]];
  if (!isLimaDay(`${year}-${month}-${day}`)) return null;
  const [hour, minute, second] = [Number(match[7]), Number(match[8]), Number(match[9] ?? "0")];
  if (hour > 23 || minute > 59 || second > 59) return null;
  // Peru has kept UTC−5 without daylight saving since 1994; earlier history is not imported.
  return new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), hour + 5, minute, second));
}

const EARLIEST = Date.UTC(1995, 0, 1);

function parseMovements(text: string, flow: "A" | "B" | null, now: Date): { movements: LegacyMovement[] } | { error: string } {
  const parts = text.split(";").map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return { error: "Indique los movimientos de la orden, empezando por SOLICITADO." };
  const steps = allowedSteps();
  const movements: LegacyMovement[] = [];
  let previous: OrderState | "-" = "-";
  for (const part of parts) {
    const match = /^([A-Za-z]+)\s+(.+)$/.exec(part);
    const event = match?.[1].toUpperCase() as MovementEvent | undefined;
    if (!match || !event || !MOVEMENT_EVENTS.includes(event)) {
      return { error: `Movimiento no reconocido: «${part}». Use EVENTO fecha hora, por ejemplo SOLICITADO 30/06/2021 19:09:26.` };
    }
    const at = parseLimaDateTime(match[2]);
    if (!at) return { error: `La fecha y hora de ${event} no es válida: use DD/MM/AAAA HH:MM:SS o AAAA-MM-DD HH:MM:SS (hora de Lima).` };
    if (at.getTime() < EARLIEST || at > now) return { error: `La fecha de ${event} debe estar entre 1995 y hoy.` };
    if (movements.length && at < movements[movements.length - 1].at) return { error: `${event} tiene fecha anterior al movimiento que lo precede.` };
    const step = flow ? steps.find(([prev, e, , f]) => prev === previous && e === event && f === flow) : undefined;
    if (!step) {
      return { error: `${event} no puede seguir a ${previous === "-" ? "el inicio de la orden" : previous.replace("_", " ")} en el flujo ${flow === "B" ? "b" : "a"}.` };
    }
    previous = step[2] as OrderState;
    movements.push({ event, state: previous, at });
  }
  return { movements };
}

const upper = (text: string) => text.trim().toUpperCase();

/**
 * Checks every row without the database. The flow follows from the plant columns: a row with a
 * plant is flow b (the server then checks that the seller is a Productor / Comercializador).
 * Rows are numbered from `firstRow` (2 after the header).
 */
export function validateLegacyRows(rows: CsvRow[], now: Date, firstRow = 2): { valid: LegacyRow[]; errors: RowError[] } {
  const valid: LegacyRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, index) => {
    const row = firstRow + index;
    const cell = (name: string) => String(raw[name] ?? "").trim();
    const rowErrors: RowError[] = [];
    const fail = (field: string, message: string) => rowErrors.push({ row, field, message });

    const code = cell("codigo").replace(/[\s-]/g, "");
    if (!/^\d{11}$/.test(code)) fail("Código de Autorización", "El Código de Autorización tiene 11 dígitos.");
    else if (seen.has(code)) fail("Código de Autorización", `El código se repite en la fila ${seen.get(code)}.`);
    else seen.set(code, row);

    const party = (label: string, rucColumn: string, numberColumn: string) => {
      const ruc = cell(rucColumn);
      const registryNumber = cell(numberColumn);
      if (!isValidRuc(ruc)) fail(`RUC del ${label}`, `El RUC del ${label} no es válido (11 dígitos con dígito verificador).`);
      if (!isValidRegistryNumber(registryNumber)) fail(`Registro del ${label}`, `El número de registro del ${label} debe tener la forma código-actividad-ddmmaa.`);
      return { ruc, registryNumber };
    };
    const buyer = party("comprador", "ruc_comprador", "registro_comprador");
    const seller = party("vendedor", "ruc_vendedor", "registro_vendedor");
    const plant = cell("ruc_planta") || cell("registro_planta") ? party("planta", "ruc_planta", "registro_planta") : null;
    const flow = plant ? "B" : "A";

    const requestedVolume = parseGallons(cell("volumen_solicitado"));
    if (requestedVolume === null || requestedVolume <= 0) fail("Volumen solicitado", "El volumen solicitado debe ser un número de galones mayor que cero (hasta dos decimales).");

    const state = upper(cell("estado")).replace(" ", "_") as OrderState;
    if (!FINAL_STATES.includes(state)) fail("Estado", "Solo se importan órdenes finalizadas: CERRADO, ANULADO o RECHAZADO.");

    const parsedMovements = parseMovements(cell("movimientos"), flow, now);
    const movements = "movements" in parsedMovements ? parsedMovements.movements : [];
    if ("error" in parsedMovements) fail("Movimientos", parsedMovements.error);
    else if (movements[movements.length - 1].state !== state) {
      fail("Movimientos", `El último movimiento deja la orden ${movements[movements.length - 1].state.replace("_", " ")}, no ${state}.`);
    }

    const sold = movements.some((movement) => movement.event === "VENDIDO");
    const dispatched = movements.some((movement) => movement.event === "DESPACHADO");
    let lot: LegacyRow["lot"] = null;
    const volume = (column: string, label: string) => {
      const text = cell(column);
      if (text === "") return null;
      const value = parseGallons(text);
      if (value === null || value <= 0) {
        fail(label, `${label} debe ser un número de galones mayor que cero (hasta dos decimales).`);
        return null;
      }
      return value;
    };
    const soldVolume = volume("volumen_vendido", "Volumen vendido");
    const dispatchedVolume = volume("volumen_despachado", "Volumen despachado");
    const receivedVolume = volume("volumen_recibido", "Volumen recibido");
    if ("error" in parsedMovements) {
      // The lot's columns depend on the movements: checked once these are right.
    } else if (sold) {
      const plate = normalizePlate(cell("placa"));
      if (!plate) fail("Placa", cell("placa") ? plateMessage(cell("placa")) : "Indique la placa de la cisterna de la venta.");
      if (soldVolume === null && !rowErrors.some((error) => error.field === "Volumen vendido")) fail("Volumen vendido", "Indique el volumen vendido.");
      if (soldVolume !== null && requestedVolume !== null && soldVolume > requestedVolume) fail("Volumen vendido", "El volumen vendido excede el solicitado.");
      const documents = { guiaRemision: "", factura: "" };
      for (const [kind, column, key, label] of [
        ["guia", "guia_remision", "guiaRemision", "Guía de remisión"],
        ["factura", "factura", "factura", "Factura"],
      ] as const) {
        if (!cell(column)) continue;
        const parsed = parseDocumentNumber(kind, cell(column));
        if (parsed.ok) documents[key] = parsed.value;
        else fail(label, parsed.message);
      }
      if (dispatched && dispatchedVolume === null && !rowErrors.some((error) => error.field === "Volumen despachado")) fail("Volumen despachado", "Indique el volumen despachado.");
      if (!dispatched && dispatchedVolume !== null) fail("Volumen despachado", "La orden no tiene movimiento DESPACHADO.");
      if (dispatchedVolume !== null && soldVolume !== null && dispatchedVolume > soldVolume) fail("Volumen despachado", "El volumen despachado excede el vendido.");
      if (state === "CERRADO" && receivedVolume === null && !rowErrors.some((error) => error.field === "Volumen recibido")) fail("Volumen recibido", "Indique el volumen recibido de la orden cerrada.");
      if (state !== "CERRADO" && receivedVolume !== null) fail("Volumen recibido", "Solo una orden CERRADO tiene volumen recibido.");
      if (receivedVolume !== null && soldVolume !== null && receivedVolume > soldVolume) fail("Volumen recibido", "El volumen recibido excede el vendido.");
      if (plate && soldVolume !== null) lot = { soldVolume, plate, ...documents, dispatchedVolume, receivedVolume };
    } else {
      for (const [column, label] of [
        ["volumen_vendido", "Volumen vendido"],
        ["placa", "Placa"],
        ["volumen_despachado", "Volumen despachado"],
        ["volumen_recibido", "Volumen recibido"],
      ] as const) {
        if (cell(column)) fail(label, "La orden no se vendió (no tiene movimiento VENDIDO): deje esta columna vacía.");
      }
    }
    const deliveryDate = cell("fecha_entrega");
    if (deliveryDate && !isLimaDay(deliveryDate)) fail("Fecha de entrega", "La fecha de entrega no es válida (AAAA-MM-DD).");
    const reason = cell("motivo_rechazo");
    if (reason.length > 500) fail("Motivo del rechazo", "El motivo admite como máximo 500 caracteres.");

    if (rowErrors.length) {
      errors.push(...rowErrors);
      return;
    }
    valid.push({
      row,
      code,
      buyer,
      seller,
      plant,
      requestedVolume: requestedVolume!,
      state,
      movements,
      lot,
      deliveryDate: deliveryDate || null,
      rejectionReason: state === "RECHAZADO" ? reason || null : null,
    });
  });
  return { valid, errors };
}
