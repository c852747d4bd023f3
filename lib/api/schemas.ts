/**
 * What the HTTP API reads and writes; the OpenAPI document is generated from these same zod
 * schemas (lib/api/openapi.ts).
 */
import { createEndpointSchema, updateEndpointSchema } from "@/lib/events/webhooks/endpoints";
import { MAX_LOTS, plateSchema } from "@/lib/orders/schemas";
import { SELLER_TYPES } from "@/lib/registry/agent-types";
import { isLimaDay } from "@/lib/time";
import { LATENESS_BASES } from "@/lib/orders/receipt";
import { MOVEMENT_EVENTS, ORDER_STATES } from "@/lib/orders/states";
import { calendarDate, capitalize, z } from "@/lib/validation";
import { invalidData } from "./problem";
import { fieldErrorsOf } from "@/lib/validation";

/**
 * Request bodies as the API accepts them: strict JSON types (an id is a JSON integer, never "2"
 * or [2]; `rejected` a JSON boolean), no unknown properties, and every format the services check
 * written as a JSON Schema pattern, so that the OpenAPI document generated from these schemas
 * says exactly what is accepted. The handler parses with these first (400 DATOS_INVALIDOS with
 * per-field errors), then the services parse again with their own schemas (lib/orders/schemas.ts).
 */
const MAX_ID = 2_147_483_647;
const MAX_GALLONS = 10_000_000;

/** Gallons as a JSON number (at most two decimals) or as text such as "3100.50" or "3,100.50". */
export const GALLONS_PATTERN = "^(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d{1,2})?$";
/** The Código de Autorización: 11 digits, the last a check digit (Damm). */
export const CODE_PATTERN = "^\\d{11}$";
/** Idempotency-Key: 1 to 200 printable ASCII characters. */
export const IDEMPOTENCY_KEY_PATTERN = "^[\\x20-\\x7E]{1,200}$";
/** A text of 5 to 500 characters once the spaces at both ends are left out. */
const REASON_PATTERN = "^\\s*\\S[\\s\\S]{3,498}\\S\\s*$";

const id = (label: string) =>
  z.int({ error: `${capitalize(label)} debe ser un número entero (JSON).` }).min(1, { message: `Seleccione ${label}.` }).max(MAX_ID, { message: `Seleccione ${label}.` });

const apiGallons = (label: string) => {
  const format = `${capitalize(label)} debe ser un número en galones con hasta dos decimales (por ejemplo 3100.50).`;
  return z
    .union(
      [
        z
          .number()
          .positive({ message: `${capitalize(label)} debe ser mayor que cero.` })
          .max(MAX_GALLONS, { message: `${capitalize(label)} excede el máximo permitido (10,000,000 galones).` })
          .multipleOf(0.01, { message: `${capitalize(label)} admite como máximo dos decimales.` }),
        z.string().regex(new RegExp(GALLONS_PATTERN), { message: format }),
      ],
      { error: format },
    )
    .meta({ description: `${capitalize(label)} en galones: mayor que 0 y como máximo ${MAX_GALLONS.toLocaleString("en-US")}, con hasta dos decimales.` });
};

const text = (label: string, max: number) =>
  z.string({ error: `${capitalize(label)} debe ser un texto.` }).max(max, { message: `${capitalize(label)} admite como máximo ${max} caracteres.` }).nullable().optional();

const pattern = (source: string, message: string) => z.string({ error: message }).regex(new RegExp(source), { message });

/** An instant as ISO 8601 with its zone (never a bare wall-clock time). */
const apiInstant = (label: string) =>
  z.iso.datetime({ offset: true, error: `Ingrese ${label} en ISO 8601 con zona horaria, p. ej. 2026-12-06T08:30:00-05:00.` });

const position = z.int({ error: "La posición del lote debe ser un número entero." }).min(1).max(MAX_LOTS, { message: "Lote no válido." });

const lots = <T extends z.ZodType>(item: T, message: string) => z.array(item, { error: message }).min(1, { message }).max(MAX_LOTS, { message: `Como máximo ${MAX_LOTS} lotes.` });

export const registerBodySchema = z.strictObject({
  sellerType: z.enum(SELLER_TYPES, { error: "Seleccione el tipo de agente vendedor." }),
  sellerId: id("el agente vendedor"),
  plantId: id("la planta de abastecimiento").nullable().optional().meta({ description: "Solo en el flujo b (vendedor Comercializador)." }),
  volume: apiGallons("el volumen solicitado"),
  purchaseOrderNumber: text("el número de orden de compra", 30),
  deliveryDate: z.iso.date({ error: "La fecha de entrega debe ser una fecha AAAA-MM-DD." }).refine(isLimaDay, { message: "La fecha de entrega no es una fecha válida." }),
  comment: text("el comentario", 500),
  transport: text("el transporte", 100),
});

/**
 * Plates and documents as the services accept them (lib/registry/plate.ts, lib/orders/documents.ts):
 * every format in real use. The services normalise and check them again (series, registered truck).
 */
export const PLATE_PATTERN = "^\\s*(?:[A-Za-z][A-Za-z0-9]{2}-?\\d{3}|[A-Za-z]{2}-?\\d{4})\\s*$";
export const DOCUMENT_PATTERN = "^\\s*(?:[Nn][°º.]?\\s*)?(?:\\d{1,20}|[A-Za-z0-9]{3,4}-\\d{1,20})\\s*$";
const plateText = (message: string) => pattern(PLATE_PATTERN, message);
const documentText = (label: string) =>
  pattern(DOCUMENT_PATTERN, `${capitalize(label)} debe tener serie y número (por ejemplo ${label.includes("factura") ? "F001-00001234" : "T001-00012345"}) o solo el número.`);
/** Optional lot measures, as a JSON number or as text: density in kg/L (0.4000–0.7000), temperature in °C (−30.0–70.0). */
const density = z
  .union(
    [
      z.number().min(0.4, { message: "La densidad debe estar entre 0.4000 y 0.7000 kg/L." }).max(0.7, { message: "La densidad debe estar entre 0.4000 y 0.7000 kg/L." }),
      z.string().regex(/^\s*0\.\d{1,4}\s*$/, { message: "La densidad debe ser un número en kg/L, por ejemplo 0.5420." }),
    ],
    { error: "La densidad debe ser un número en kg/L, por ejemplo 0.5420." },
  )
  .nullable()
  .optional();
const temperature = z
  .union(
    [
      z.number().min(-30, { message: "La temperatura debe estar entre -30.0 y 70.0 °C." }).max(70, { message: "La temperatura debe estar entre -30.0 y 70.0 °C." }),
      z.string().regex(/^\s*-?\d{1,2}(\.\d)?\s*$/, { message: "La temperatura debe ser un número en °C, por ejemplo 18.5." }),
    ],
    { error: "La temperatura debe ser un número en °C, por ejemplo 18.5." },
  )
  .nullable()
  .optional();

export const saleBodySchema = z.strictObject({
  lots: lots(
    z.strictObject({
      volume: apiGallons("la cantidad vendida"),
      plate: plateText("La placa debe tener un formato peruano, por ejemplo F1X-710 o AB-1234."),
      guiaRemision: documentText("la guía de remisión").meta({ description: "p. ej. T001-00012345, EG01-1234, 0001-0001387 o solo el número" }),
      factura: documentText("la factura").meta({ description: "p. ej. F001-00001234, E001-123 o solo el número" }),
      density: density.meta({ description: "Densidad observada, kg/L, p. ej. 0.5420 (opcional)" }),
      temperature: temperature.meta({ description: "Temperatura, °C, p. ej. 18.5 (opcional)" }),
    }),
    "Registre al menos un lote.",
  ),
});

export const dispatchBodySchema = z.strictObject({
  lots: lots(
    z.strictObject({
      position,
      volume: apiGallons("la cantidad despachada"),
      plate: plateText("La placa debe tener un formato peruano, por ejemplo F1X-710 o AB-1234.").optional(),
      dispatchedAt: z.iso.datetime({ offset: true, error: "La fecha y hora de despacho debe ser ISO 8601, p. ej. 2026-12-01T10:30:00-05:00." }).optional(),
    }),
    "Registre el despacho de cada lote.",
  ),
});

export const closeBodySchema = z.strictObject({
  lots: lots(
    z.discriminatedUnion(
      "rejected",
      [
        z.strictObject({ position, rejected: z.literal(true) }),
        z.strictObject({ position, rejected: z.literal(false), receivedVolume: apiGallons("la cantidad recibida"), unloadedAt: apiInstant("la fecha y hora de descarga").optional() }),
      ],
      { error: "Indique la cantidad recibida (rejected: false) o rechace el lote (rejected: true)." },
    ),
    "Indique la cantidad recibida de cada lote.",
  ),
  nonDeliveryKnownAt: apiInstant("la fecha y hora en que supo que el producto no llegaría").optional().meta({ description: "Solo si rechaza todos los lotes." }),
});

export const rejectBodySchema = z.strictObject({
  reason: pattern(REASON_PATTERN, "Indique el motivo del rechazo (de 5 a 500 caracteres)."),
  nonDeliveryKnownAt: apiInstant("la fecha y hora en que supo que el producto no llegaría").optional(),
});

/** The annulment has no body: an empty JSON object at most (so do the webhook's rotate and resend). */
export const annulBodySchema = z.strictObject({});

/** A webhook's registration and change: the services' schemas, closed to unknown properties. */
export const webhookCreateBodySchema = createEndpointSchema.strict();
export const webhookUpdateBodySchema = updateEndpointSchema.strict();

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
    dueDay: z.string().meta({ format: "date" }).nullable().meta({
      description:
        "Día de Lima en que correspondía cerrar (el de la descarga más temprana) o rechazar (el día en que el comprador supo que el producto no llegaría)",
    }),
    daysLate: z.int().nullable().meta({ description: "Días calendario de Lima desde dueDay hasta el cierre o rechazo (0: el mismo día)" }),
    latenessBasis: z.enum(LATENESS_BASES).nullable().meta({
      description:
        "Desde qué se contaron los días de retraso: DESCARGA (cierre), AVISO (rechazo: cuándo supo que no llegaría) o VENTA_DESPACHO (cierres anteriores a la declaración de la descarga: el día de la venta o del despacho)",
    }),
    nonDeliveryKnownAt: instant.nullable().meta({ description: "Rechazo: cuándo el comprador supo que el producto no llegaría" }),
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
        unloadedAt: instant.nullable().meta({ description: "Fecha y hora de descarga declarada por el comprador al cerrar" }),
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
export const closedResponse = z.object({ code: z.string(), state: z.enum(["CERRADO", "RECHAZADO"]), dueDay: z.string().meta({ format: "date" }), daysLate: z.int() });
export const rejectedResponse = z.object({ code: z.string(), state: z.literal("RECHAZADO"), dueDay: z.string().meta({ format: "date" }), daysLate: z.int() });

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
