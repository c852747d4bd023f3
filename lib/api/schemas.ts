/**
 * What the HTTP API reads and writes. Request bodies are the order services' own schemas (the
 * code comes from the path, so it is omitted from the body); the OpenAPI document is generated
 * from these same zod schemas (lib/api/openapi.ts).
 */
import {
  closeOrderSchema,
  dispatchOrderSchema,
  plateSchema,
  registerOrderSchema,
  rejectOrderSchema,
  sellOrderSchema,
} from "@/lib/orders/schemas";
import { MOVEMENT_EVENTS, ORDER_STATES } from "@/lib/orders/states";
import { calendarDate, z } from "@/lib/validation";
import { invalidData } from "./problem";
import { fieldErrorsOf } from "@/lib/validation";

export const registerBodySchema = registerOrderSchema;
export const saleBodySchema = sellOrderSchema.omit({ code: true });
export const dispatchBodySchema = dispatchOrderSchema.omit({ code: true });
export const closeBodySchema = closeOrderSchema.omit({ code: true });
export const rejectBodySchema = rejectOrderSchema.omit({ code: true });

export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 50;

/** Blank query parameters count as absent. */
const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);

const limit = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: `El límite debe ser un número entero entre 1 y ${MAX_LIMIT}.` })
    .int({ message: `El límite debe ser un número entero entre 1 y ${MAX_LIMIT}.` })
    .min(1, { message: `El límite debe ser un número entero entre 1 y ${MAX_LIMIT}.` })
    .max(MAX_LIMIT, { message: `El límite debe ser un número entero entre 1 y ${MAX_LIMIT}.` })
    .default(DEFAULT_LIMIT),
);
const day = (label: string) => z.preprocess(blankToUndefined, calendarDate(label).optional());
const cursor = z.preprocess(blankToUndefined, z.string().max(200, { message: "Cursor no válido." }).optional());

const plate = z.preprocess(blankToUndefined, plateSchema.optional());

export const listOrdersQuerySchema = z.object({
  plate,
  state: z.preprocess(blankToUndefined, z.enum(ORDER_STATES, { error: `Estado no válido: use ${ORDER_STATES.join(", ")}.` }).optional()),
  from: day("la fecha inicial"),
  to: day("la fecha final"),
  limit,
  cursor,
});

export const listMovementsQuerySchema = z.object({
  plate,
  from: day("la fecha inicial"),
  to: day("la fecha final"),
  event: z.preprocess(blankToUndefined, z.enum(MOVEMENT_EVENTS, { error: `Evento no válido: use ${MOVEMENT_EVENTS.join(", ")}.` }).optional()),
  limit,
  cursor,
});

/** Parses a query string with `schema`; bad parameters are a 400 with per-parameter errors. */
export function parseQuery<S extends z.ZodType>(schema: S, url: URL): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw invalidData(fieldErrorsOf(parsed.error), "Revise los parámetros de la consulta.");
  return parsed.data;
}

/** Opaque keyset cursor: base64url of [ISO instant, id]. */
export function encodeCursor(at: Date, id: number): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

export function decodeCursor(text: string | undefined): { at: Date; id: number } | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && Number.isSafeInteger(value[1])) {
      const at = new Date(value[0]);
      if (!Number.isNaN(at.getTime()) && value[1] > 0) return { at, id: value[1] as number };
    }
  } catch {
    // fall through
  }
  throw invalidData({ cursor: ["Cursor no válido: use el valor nextCursor de la respuesta anterior."] });
}

// ---- responses (documentation; the serializers in serialize.ts produce exactly these) ----

const decimal = z.string().regex(/^\d+\.\d{2}$/).meta({ description: "Galones con dos decimales, p. ej. \"3100.50\"" });
const instant = z.string().meta({ format: "date-time" });
const party = z.object({ id: z.int(), businessName: z.string(), ruc: z.string() });

export const orderSummaryResponse = z
  .object({
    code: z.string().meta({ description: "Código de Autorización (11 dígitos)" }),
    legacyCode: z.boolean().meta({ description: "true: orden importada del SCOP anterior («Código SCOP anterior»), cuyo código no lleva el dígito verificador de este portal" }),
    state: z.enum(ORDER_STATES),
    flow: z.enum(["A", "B"]),
    buyer: party,
    seller: party,
    plant: party.nullable(),
    requestedVolume: decimal,
    purchaseOrderNumber: z.string().nullable(),
    deliveryDate: z.string().meta({ format: "date" }),
    comment: z.string().nullable(),
    transport: z.string().nullable(),
    requestedAt: instant,
    soldAt: instant.nullable(),
    dispatchedAt: instant.nullable(),
    porCerrarAt: instant.nullable(),
    endedAt: instant.nullable(),
    daysLate: z.int().nullable(),
    rejectionReason: z.string().nullable(),
  })
  .meta({ id: "OrderSummary" });

export const orderDetailResponse = orderSummaryResponse
  .extend({
    lots: z.array(
      z.object({
        position: z.int(),
        soldVolume: decimal,
        plate: z.string().meta({ description: "Placa de la cisterna tal como se vendió" }),
        truckRegistryNumber: z.string().nullable().meta({ description: "Registro de Hidrocarburos de la cisterna registrada (null en órdenes del SCOP anterior sin cisterna registrada)" }),
        guiaRemision: z.string().meta({ description: "Normalizada, p. ej. T001-00012345, 0001-0000929 o 000929; vacía si un registro del SCOP anterior no la tenía" }),
        factura: z.string(),
        density: z.string().nullable().meta({ description: "Densidad observada, kg/L, p. ej. \"0.5420\"" }),
        temperature: z.string().nullable().meta({ description: "Temperatura, °C, p. ej. \"18.5\"" }),
        massKg: z.int().nullable().meta({ description: "Masa vendida en kg: galones × 3.785411784 L/gal × densidad" }),
        dispatchedVolume: decimal.nullable(),
        dispatchedAt: instant.nullable(),
        dispatchedPlate: z.string().nullable().meta({ description: "Placa que salió de la planta, si fue otra cisterna registrada" }),
        dispatchedTruckRegistryNumber: z.string().nullable(),
        receivedVolume: decimal.nullable(),
        rejected: z.boolean(),
      }),
    ),
    movements: z.array(
      z.object({
        event: z.enum(MOVEMENT_EVENTS),
        state: z.enum(ORDER_STATES),
        occurredAt: instant,
        agent: z.object({ id: z.int(), businessName: z.string() }),
        user: z.object({ id: z.int(), fullName: z.string() }),
      }),
    ),
  })
  .meta({ id: "OrderDetail" });

export const orderPageResponse = z.object({ items: z.array(orderSummaryResponse), nextCursor: z.string().nullable() });

export const movementPageResponse = z.object({
  items: z.array(
    z.object({
      orderCode: z.string(),
      event: z.enum(MOVEMENT_EVENTS),
      state: z.enum(ORDER_STATES),
      occurredAt: instant,
      agent: z.object({ id: z.int(), businessName: z.string() }),
      userId: z.int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const registeredResponse = z.object({ code: z.string(), state: z.literal("SOLICITADO"), requestedAt: instant });
export const transitionResponse = z.object({ code: z.string(), state: z.enum(ORDER_STATES) });
export const closedResponse = z.object({ code: z.string(), state: z.enum(["CERRADO", "RECHAZADO"]), daysLate: z.int() });

export const problemResponse = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string().meta({ description: "Código estable, p. ej. DATOS_INVALIDOS, ORDEN_NO_ENCONTRADA" }),
    detail: z.string(),
    errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: "Problem" });
