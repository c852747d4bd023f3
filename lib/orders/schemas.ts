/**
 * Input of each order action. The screens and the HTTP API parse with these same schemas, and
 * the service functions parse again, so no path can skip them.
 */
import { authorizationCodeSchema } from "@/lib/authorization-code/schema";
import { SELLER_TYPES, SELLER_TYPE_FLOW } from "@/lib/registry/agent-types";
import { normalizePlate, plateMessage } from "@/lib/registry/plate";
import { formatGallons } from "@/lib/volume";
import { calendarDate, capitalize, gallons, optionalText, z } from "@/lib/validation";
import { parseDocumentNumber, type DocumentKind } from "./documents";
import { MAX_LOTS, dispatchedAtProblem, dispatchedVolumeProblem, receivedVolumeProblem, saleTotalProblem } from "./lot-limits";
import { nonDeliveryKnownAtProblem, unloadedAtProblem } from "./receipt";
import { MAX_DENSITY, MAX_TEMPERATURE, MIN_DENSITY, MIN_TEMPERATURE, parseDensity, parseTemperature } from "./lot-measures";

// Re-exported: the screens import it from ./lot-limits, which brings no zod into their first download.
export { MAX_LOTS } from "./lot-limits";

/** Largest id a database INTEGER column holds: larger numbers are refused as input, not sent to the database. */
const MAX_ID = 2_147_483_647;

const agentId = (label: string) =>
  z.coerce
    .number({ error: `Seleccione ${label}.` })
    .int({ message: `Seleccione ${label}.` })
    .positive({ message: `Seleccione ${label}.` })
    .max(MAX_ID, { message: `Seleccione ${label}.` });

export const registerOrderSchema = z.object({
  sellerType: z.enum(SELLER_TYPES, { error: "Seleccione el tipo de agente vendedor." }),
  sellerId: agentId("el agente vendedor"),
  plantId: z
    .preprocess(
      (value) => (value === "" || value === null ? undefined : value),
      z.coerce
        .number({ error: "Seleccione la planta de abastecimiento." })
        .int({ message: "Seleccione la planta de abastecimiento." })
        .positive({ message: "Seleccione la planta de abastecimiento." })
        .max(MAX_ID, { message: "Seleccione la planta de abastecimiento." })
        .optional(),
    )
    .optional(),
  volume: gallons("el volumen solicitado"),
  purchaseOrderNumber: optionalText("el número de orden de compra", 30),
  deliveryDate: calendarDate("la fecha de entrega"),
  comment: optionalText("el comentario", 500),
  transport: optionalText("el transporte", 100),
});
export type RegisterOrderInput = z.input<typeof registerOrderSchema>;

/**
 * What the generation screen checks before its "Vista Previa": the order itself, the plant a
 * flow-b seller needs, and the capacidad de compra the screen shows (`available`, hundredths).
 * The server checks the last two again as rules (lib/orders/rules.ts), against the database.
 */
export function registrationPreviewSchema(available: number) {
  return registerOrderSchema.superRefine((order, ctx) => {
    if (SELLER_TYPE_FLOW[order.sellerType] === "B" && !order.plantId) {
      ctx.addIssue({ code: "custom", path: ["plantId"], message: "Seleccione una Planta de Abastecimiento de GLP." });
    }
    if (order.volume > available) {
      ctx.addIssue({
        code: "custom",
        path: ["volume"],
        message: `Supera su capacidad de compra disponible (${formatGallons(Math.max(available, 0))} galones).`,
      });
    }
  });
}

export const orderCodeSchema = z.object({ code: authorizationCodeSchema });

/** Placa de la cisterna: a Peruvian plate (lib/registry/plate.ts), stored as "F1X-710". */
export const plateSchema = z
  .string({ error: "Ingrese la placa de la cisterna." })
  .transform((text, ctx) => {
    if (text.trim() === "") {
      ctx.addIssue({ code: "custom", message: "Ingrese la placa de la cisterna." });
      return z.NEVER;
    }
    const plate = normalizePlate(text);
    if (plate === null) {
      ctx.addIssue({ code: "custom", message: plateMessage(text) });
      return z.NEVER;
    }
    return plate;
  });

/** A guía de remisión or factura in any format in real use, normalised (lib/orders/documents.ts). */
const documentNumber = (kind: DocumentKind) =>
  z.string({ error: kind === "factura" ? "Ingrese la factura." : "Ingrese la guía de remisión." }).transform((text, ctx) => {
    const parsed = parseDocumentNumber(kind, text);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** Optional density (kg/L, e.g. "0.5420" or 0.542) → ten-thousandths of kg/L. */
const density = z.preprocess(
  blankToUndefined,
  z
    .union([z.string(), z.number()], { error: "La densidad debe ser un número en kg/L, por ejemplo 0.5420." })
    .transform((value, ctx) => {
      const parsed = parseDensity(typeof value === "number" ? String(value) : value);
      if (parsed === null || parsed < MIN_DENSITY || parsed > MAX_DENSITY) {
        ctx.addIssue({ code: "custom", message: "La densidad debe estar entre 0.4000 y 0.7000 kg/L, con hasta cuatro decimales (por ejemplo 0.5420)." });
        return z.NEVER;
      }
      return parsed;
    })
    .optional(),
);

/** Optional temperature (°C, e.g. "18.5") → tenths of °C. */
const temperature = z.preprocess(
  blankToUndefined,
  z
    .union([z.string(), z.number()], { error: "La temperatura debe ser un número en °C, por ejemplo 18.5." })
    .transform((value, ctx) => {
      const parsed = parseTemperature(typeof value === "number" ? String(value) : value);
      if (parsed === null || parsed < MIN_TEMPERATURE || parsed > MAX_TEMPERATURE) {
        ctx.addIssue({ code: "custom", message: "La temperatura debe estar entre -30.0 y 70.0 °C, con hasta un decimal (por ejemplo 18.5)." });
        return z.NEVER;
      }
      return parsed;
    })
    .optional(),
);

export const soldLotSchema = z.object({
  volume: gallons("la cantidad vendida"),
  /** the plate of one of the registered trucks that may carry the lot (lib/orders/trucks.ts) */
  plate: plateSchema,
  guiaRemision: documentNumber("guia"),
  factura: documentNumber("factura"),
  density,
  temperature,
});

export const sellOrderSchema = z.object({
  code: authorizationCodeSchema,
  lots: z
    .array(soldLotSchema, { error: "Registre al menos un lote." })
    .min(1, { message: "Registre al menos un lote." })
    .max(MAX_LOTS, { message: `Registre como máximo ${MAX_LOTS} lotes.` }),
});
export type SellOrderInput = z.input<typeof sellOrderSchema>;

// A preview's refinement also runs when some fields were refused: it checks only the values that
// parsed, so a rule's message shows beside the format errors of the other fields.
type Unparsed = Record<string, unknown> | undefined;
const lotsOf = (value: { lots?: unknown }): Unparsed[] =>
  Array.isArray(value.lots) ? value.lots.map((lot: unknown) => (lot && typeof lot === "object" ? (lot as Record<string, unknown>) : undefined)) : [];
const isVolume = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);
const isInstant = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/**
 * What the sale screen checks before its "Vista Previa": the lots, and their sum against the
 * order's volume (`requested`, hundredths). The server checks the sum again (sell-order.ts).
 */
export function salePreviewSchema(requested: number) {
  return sellOrderSchema.superRefine((sale, ctx) => {
    const volumes = lotsOf(sale).map((lot) => lot?.volume);
    if (!volumes.every(isVolume)) return;
    const problem = saleTotalProblem(
      volumes.reduce((sum, volume) => sum + volume, 0),
      requested,
    );
    if (problem) ctx.addIssue({ code: "custom", path: ["lots"], message: problem });
  });
}

const position = z.coerce.number({ error: "Lote no válido." }).int().positive().max(MAX_LOTS, { message: "Lote no válido." });

export const dispatchOrderSchema = z.object({
  code: authorizationCodeSchema,
  lots: z
    .array(
      z.object({
        position,
        volume: gallons("la cantidad despachada"),
        /** the plate that left the plant, when it is another registered truck than the sale's */
        plate: z.preprocess(blankToUndefined, plateSchema.optional()),
        /** when the truck left the plant; defaults to the moment the dispatch is recorded */
        dispatchedAt: z.coerce.date({ error: "Ingrese una fecha y hora de despacho válida." }).optional(),
      }),
      { error: "Registre el despacho de cada lote." },
    )
    .min(1, { message: "Registre el despacho de cada lote." })
    .max(MAX_LOTS),
});
export type DispatchOrderInput = z.input<typeof dispatchOrderSchema>;

/**
 * What the dispatch screen checks before its "Vista Previa": each lot's quantity against the sold
 * one (`lots`, in the order's lot order) and its time between the sale (`soldAt`) and `now`. The
 * server checks both again with its own clock (dispatch-order.ts).
 */
export function dispatchPreviewSchema(lots: readonly { soldVolume: number }[], soldAt: Date | null, now: Date) {
  return dispatchOrderSchema.superRefine((dispatch, ctx) => {
    lotsOf(dispatch).forEach((entry, index) => {
      const lot = lots[index];
      if (!lot || !entry) return;
      const volume = isVolume(entry.volume) ? dispatchedVolumeProblem(entry.volume, lot.soldVolume) : null;
      if (volume) ctx.addIssue({ code: "custom", path: ["lots", index, "volume"], message: volume });
      const when = entry.dispatchedAt ?? now;
      const at = isInstant(when) ? dispatchedAtProblem(when, soldAt, now) : null;
      if (at) ctx.addIssue({ code: "custom", path: ["lots", index, "dispatchedAt"], message: at });
    });
  });
}

/**
 * An instant sent by a screen or the API: ISO 8601 with its offset ("2026-12-06T08:30:00-05:00"),
 * never a bare wall-clock time, whose zone would be the server's guess.
 */
export const instant = (label: string) => {
  const message = `Ingrese ${label} con fecha, hora y zona horaria (por ejemplo 2026-12-06T08:30:00-05:00).`;
  // A cleared field is asked for, not told its format.
  const error = (issue: { input?: unknown }) => (typeof issue.input === "string" && issue.input.trim() === "" ? `Ingrese ${label}.` : message);
  return z
    .union([z.date(), z.iso.datetime({ offset: true, error })], { error })
    .transform((value) => (value instanceof Date ? value : new Date(value)))
    .refine((value) => !Number.isNaN(value.getTime()), { message: `${capitalize(label)} no es válida.` });
};

/** When the buyer learned the product would not arrive; defaults to the moment it rejects. */
const nonDeliveryKnownAt = instant("la fecha y hora en que supo que el producto no llegaría").optional();

export const closeOrderSchema = z.object({
  code: authorizationCodeSchema,
  lots: z
    .array(
      z.discriminatedUnion(
        "rejected",
        [
          z.object({ position, rejected: z.literal(true) }),
          z.object({
            position,
            rejected: z.literal(false),
            receivedVolume: gallons("la cantidad recibida"),
            /** Fecha y hora de descarga, part of the sworn declaration; defaults to the moment of the closure */
            unloadedAt: instant("la fecha y hora de descarga").optional(),
          }),
        ],
        { error: "Indique la cantidad recibida o rechace el lote." },
      ),
      { error: "Indique la cantidad recibida de cada lote." },
    )
    .min(1, { message: "Indique la cantidad recibida de cada lote." })
    .max(MAX_LOTS),
  /** only when every lot is rejected: the closure is then a rejection */
  nonDeliveryKnownAt,
});
export type CloseOrderInput = z.input<typeof closeOrderSchema>;

/** A lot as the closure screen knows it: what was sold, and when its truck left (./receipt.ts). */
export interface LotToClose {
  soldVolume: number;
  departure: { at: Date; kind: "venta" | "despacho" };
}

/**
 * What the closure screen checks before its "Vista Previa": each received quantity against the
 * sold one, each descarga between the truck's departure and `now`, and, with every lot rejected,
 * when the buyer learned the product would not arrive (not before the order, `requestedAt`). The
 * server checks them again with its own clock (close-order.ts).
 */
export function closurePreviewSchema(lots: readonly LotToClose[], requestedAt: Date, now: Date) {
  return closeOrderSchema.superRefine((closure, ctx) => {
    const entries = lotsOf(closure);
    entries.forEach((entry, index) => {
      const lot = lots[index];
      if (!lot || !entry || entry.rejected !== false) return;
      const received = isVolume(entry.receivedVolume) ? receivedVolumeProblem(entry.receivedVolume, lot.soldVolume) : null;
      if (received) ctx.addIssue({ code: "custom", path: ["lots", index, "receivedVolume"], message: received });
      const when = entry.unloadedAt ?? now;
      const unloaded = isInstant(when) ? unloadedAtProblem(when, lot.departure, now) : null;
      if (unloaded) ctx.addIssue({ code: "custom", path: ["lots", index, "unloadedAt"], message: unloaded });
    });
    const when = closure.nonDeliveryKnownAt ?? now;
    if (entries.length && entries.every((entry) => entry?.rejected === true) && isInstant(when)) {
      const known = nonDeliveryKnownAtProblem(when, requestedAt, now);
      if (known) ctx.addIssue({ code: "custom", path: ["nonDeliveryKnownAt"], message: known });
    }
  });
}

export const rejectOrderSchema = z.object({
  code: authorizationCodeSchema,
  reason: z
    .string({ error: "Indique el motivo del rechazo." })
    .trim()
    .min(5, { message: "Indique el motivo del rechazo (al menos 5 caracteres)." })
    .max(500, { message: "El motivo admite como máximo 500 caracteres." }),
  nonDeliveryKnownAt,
});
export type RejectOrderInput = z.input<typeof rejectOrderSchema>;

/**
 * What the rejection screen checks before asking "¿Está seguro…?": the reason, and when the buyer
 * learned the product would not arrive, not before the order (`requestedAt`) nor after `now`.
 */
export function rejectionPreviewSchema(requestedAt: Date, now: Date) {
  return rejectOrderSchema.superRefine((rejection, ctx) => {
    const when = rejection.nonDeliveryKnownAt ?? now;
    const known = isInstant(when) ? nonDeliveryKnownAtProblem(when, requestedAt, now) : null;
    if (known) ctx.addIssue({ code: "custom", path: ["nonDeliveryKnownAt"], message: known });
  });
}
