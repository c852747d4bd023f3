/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the API parses with
 * (z.toJSONSchema, input side: what a client sends). Zod cannot express everything in JSON Schema:
 * refinements (check digit, plate and document formats, calendar dates) are described in words,
 * and `z.coerce.date()` (a lot's dispatchedAt) is written as an ISO date-time string.
 */
import { hasValidDammCheckDigit } from "@/lib/authorization-code/damm";
import type { ErrorKind } from "@/lib/errors";
import { WEBHOOK_ERRORS } from "@/lib/events/webhooks/errors";
import { ORDER_ERRORS, type OrderErrorCode } from "@/lib/orders/errors";
import { MOVEMENT_EVENTS } from "@/lib/orders/states";
import { z } from "@/lib/validation";
import { API_ERRORS, STATUS_BY_KIND, type ApiErrorCode } from "./problem";
import {
  CODE_PATTERN,
  IDEMPOTENCY_KEY_PATTERN,
  annulBodySchema,
  closeBodySchema,
  closedResponse,
  dispatchBodySchema,
  listMovementsQuerySchema,
  listOrdersQuerySchema,
  movementPageResponse,
  orderDetailResponse,
  orderPageResponse,
  problemResponse,
  registerBodySchema,
  registeredResponse,
  rejectBodySchema,
  rejectedResponse,
  saleBodySchema,
  transitionResponse,
} from "./schemas";
import { TRUCK_ERRORS, TRUCK_LOOKUP_ERRORS } from "@/lib/registry/truck-errors";
import { listTrucksQuerySchema, truckBodySchema, truckStatusBodySchema, truckPageResponse, truckResponse } from "./trucks";
import {
  checkpointsQuerySchema,
  checkpointsResponse,
  consistencyProofResponse,
  consistencyQuerySchema,
  inclusionProofResponse,
  inclusionQuerySchema,
  leafResponse,
} from "@/lib/log/api-schemas";
import { publicCodeAnswerSchema, publicPlateAnswerSchema } from "@/lib/verification/api-schemas";
import {
  WEBHOOK_PAYLOADS,
  createdEndpointResponse,
  deliveriesQuerySchema,
  deliveryPageResponse,
  endpointListResponse,
  endpointResponse,
  resendResponse,
  rotatedSecretResponse,
} from "./webhook-schemas";
import { EVENT_TYPE_LABELS, WEBHOOK_EVENT_TYPES } from "@/lib/events/catalog";
import { createEndpointSchema, updateEndpointSchema } from "@/lib/events/webhooks/endpoints";

type JsonSchema = Record<string, unknown>;

/** Converts one zod schema; named schemas (meta id) go to components and are referenced. */
function jsonSchemaOf(schema: z.ZodType, io: "input" | "output", components: Record<string, JsonSchema>): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    io,
    target: "draft-2020-12",
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === "date") {
        jsonSchema.type = "string";
        jsonSchema.format = "date-time";
      }
    },
  });
  // Named schemas come back under $defs: move them to the document's components.
  const relinked = JSON.parse(JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  const { $schema: _dialect, $defs, ...rest } = relinked;
  void _dialect;
  for (const [id, definition] of Object.entries($defs ?? {})) components[id] = definition;
  return rest;
}

const problemRef = { $ref: "#/components/schemas/Problem" };

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Datos inválidos: la ruta, la consulta o el cuerpo (errors lista los campos)",
  401: "Clave ausente, inválida o revocada",
  403: "El rol de la clave no permite la operación",
  404: "La orden (o el webhook) no existe o es de otro agente; en el registro verificable, una hoja o un tamaño fuera del árbol firmado",
  409: "La orden no admite la acción en su estado, u otra solicitud la modificó",
  415: "El cuerpo no es JSON en UTF-8 (Content-Type: application/json)",
  422: "Regla regulatoria no cumplida, o Idempotency-Key reutilizada con otra solicitud",
  429: "Límite de solicitudes superado; ver Retry-After",
};

type Catalogue = Record<string, ErrorKind>;

/**
 * The problem responses of an operation: for each status, the codes it can carry, as an enum
 * built from the code's own lists — the API layer's (API_ERRORS, those named in `apiCodes`) and
 * those of that status's kind in the services the operation runs (`services`: the order
 * services' lib/orders/errors.ts, the webhook services' lib/events/webhooks/errors.ts).
 */
function problems(statuses: number[], apiCodes: (ApiErrorCode | OrderErrorCode)[], services: boolean | Catalogue[]) {
  const catalogues: Catalogue[] = services === true ? [ORDER_ERRORS] : services === false ? [] : services;
  return Object.fromEntries(
    statuses.map((status) => {
      const statusOf = (code: ApiErrorCode | OrderErrorCode) => (code in API_ERRORS ? API_ERRORS[code as ApiErrorCode] : STATUS_BY_KIND[ORDER_ERRORS[code as OrderErrorCode]]);
      const codes = new Set<string>(apiCodes.filter((code) => statusOf(code) === status));
      for (const catalogue of catalogues) {
        for (const [code, kind] of Object.entries(catalogue)) if (STATUS_BY_KIND[kind] === status) codes.add(code);
      }
      if (codes.size === 0) throw new Error(`OpenAPI: ningún código para el estado ${status}`);
      const schema = {
        allOf: [problemRef, { type: "object", properties: { status: { const: status }, code: { type: "string", enum: [...codes].sort() } } }],
      };
      return [String(status), { description: `${PROBLEM_DESCRIPTIONS[status]}. Códigos: ${[...codes].sort().join(", ")}.`, content: { "application/problem+json": { schema } } }];
    }),
  );
}

const ALWAYS: ApiErrorCode[] = ["NO_AUTENTICADO", "DEMASIADAS_SOLICITUDES"];
const READ_CODES: ApiErrorCode[] = [...ALWAYS, "DATOS_INVALIDOS"];
const WRITE_CODES: ApiErrorCode[] = [...ALWAYS, "DATOS_INVALIDOS", "JSON_INVALIDO", "NO_AUTORIZADO", "TIPO_DE_CONTENIDO_NO_ADMITIDO", "IDEMPOTENCIA_CONFLICTO"];
/** The webhooks' writes refuse an Idempotency-Key (400 DATOS_INVALIDOS, lib/api/handler.ts apiManage): never IDEMPOTENCIA_CONFLICTO. */
const MANAGE_CODES: ApiErrorCode[] = WRITE_CODES.filter((code) => code !== "IDEMPOTENCIA_CONFLICTO");

/** A valid code for the examples (its check digit is right). */
function exampleCode(): string {
  for (let digit = 0; digit <= 9; digit++) if (hasValidDammCheckDigit(`5446061786${digit}`)) return `5446061786${digit}`;
  throw new Error("sin dígito verificador");
}

const codeParameter = {
  name: "code",
  in: "path",
  required: true,
  description:
    "Código de Autorización: 11 dígitos, buscado tal como se escribe. Los códigos de este portal terminan en un dígito verificador (Damm): si no coincide con ninguna orden y el dígito no corresponde, la respuesta es 400 (mal escrito); los del SCOP anterior (legacyCode) no lo llevan.",
  schema: { type: "string", pattern: CODE_PATTERN, examples: [exampleCode()] },
};

const truckIdParameter = {
  name: "id",
  in: "path",
  required: true,
  description: "Identificador de la cisterna (campo id de la respuesta).",
  schema: { type: "integer", minimum: 1 },
};

const idempotencyParameter = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  description:
    "1 a 200 caracteres ASCII imprimibles. Repetir la misma solicitud con la misma clave devuelve la respuesta guardada (cabecera Idempotency-Replayed: true) sin volver a ejecutarla. Un cuerpo rechazado por el esquema (400) no usa la clave: corrija el cuerpo y reenvíelo con la misma clave.",
  schema: { type: "string", pattern: IDEMPOTENCY_KEY_PATTERN },
};

const webhookIdParameter = { name: "id", in: "path", required: true, description: "Número del webhook", schema: { type: "integer" } };

function queryParameters(schema: z.ZodObject, components: Record<string, JsonSchema>) {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    schema: jsonSchemaOf(field as z.ZodType, "input", components),
  }));
}

export function openApiDocument() {
  const components: Record<string, JsonSchema> = {};
  const json = (schema: z.ZodType) => ({ "application/json": { schema: jsonSchemaOf(schema, "output", components) } });
  const body = (schema: z.ZodType, required = true) => ({ required, content: { "application/json": { schema: jsonSchemaOf(schema, "input", components) } } });
  const action = (operationId: string, summary: string, description: string, request: z.ZodType, success: z.ZodType, required = true) => ({
    post: {
      summary,
      description,
      operationId,
      parameters: [codeParameter, idempotencyParameter],
      requestBody: body(request, required),
      responses: { "200": { description: "Acción registrada", content: json(success) }, ...problems([400, 401, 403, 404, 409, 415, 422, 429], WRITE_CODES, true) },
    },
  });

  // Problem is a named schema: converting it registers it in components (the result is a $ref).
  jsonSchemaOf(problemResponse, "output", components);
  const paths = {
    "/api/v1/orders": {
      get: {
        summary: "Listar órdenes",
        description:
          "Órdenes visibles para la clave (comprador: las suyas; vendedor: las dirigidas a él; operador: las de su planta; regulador: todas), de la más reciente a la más antigua. Fechas from/to en días de Lima (AAAA-MM-DD). Paginación por cursor: pase nextCursor en cursor.",
        operationId: "listOrders",
        parameters: queryParameters(listOrdersQuerySchema, components),
        responses: { "200": { description: "Una página de órdenes", content: json(orderPageResponse) }, ...problems([400, 401, 429], READ_CODES, false) },
      },
      post: {
        summary: "Registrar orden",
        description: "Genera una orden de pedido (rol comprador) y devuelve su Código de Autorización. Volúmenes en galones (número JSON o texto, hasta dos decimales).",
        operationId: "registerOrder",
        parameters: [idempotencyParameter],
        requestBody: body(registerBodySchema),
        responses: { "201": { description: "Orden registrada", content: json(registeredResponse) }, ...problems([400, 401, 403, 415, 422, 429], WRITE_CODES, true) },
      },
    },
    "/api/v1/orders/{code}": {
      get: {
        summary: "Consultar orden",
        description: "Detalle de una orden con sus lotes y movimientos.",
        operationId: "getOrder",
        parameters: [codeParameter],
        responses: { "200": { description: "La orden", content: json(orderDetailResponse) }, ...problems([400, 401, 404, 429], [...READ_CODES, "ORDEN_NO_ENCONTRADA"], false) },
      },
    },
    "/api/v1/orders/{code}/annul": action("anular_orden", "Anular orden", "El comprador anula una orden SOLICITADO. Sin cuerpo (o un objeto vacío).", annulBodySchema, transitionResponse, false),
    "/api/v1/orders/{code}/sale": action("vender_orden", "Vender orden", "El vendedor elegido registra la venta en lotes: placa de una cisterna registrada que puede transportar la orden (del vendedor; en flujo b también del comprador), VIGENTE, con seguro vigente y capacidad para el lote; guía de remisión y factura en los formatos en uso (F001-00001234, T001-…, EG01-…, 0001-0001387 o solo el número); densidad (kg/L) y temperatura (°C) opcionales. Un Distribuidor a Granel vende como máximo 30,000 gal por cliente al mes.", saleBodySchema, transitionResponse),
    "/api/v1/orders/{code}/dispatch": action("despachar_orden", "Despachar orden", "El operador de la planta de abastecimiento registra el despacho de cada lote (flujo b). Si carga otra cisterna, su placa debe ser de una cisterna registrada con las mismas condiciones que en la venta.", dispatchBodySchema, transitionResponse),
    "/api/v1/orders/{code}/close": action("cerrar_orden", "Cerrar orden", "El comprador declara, en calidad de declaración jurada, la cantidad recibida de cada lote y su fecha y hora de descarga (unloadedAt, ISO 8601 con zona; por omisión, el momento del cierre; no anterior a la venta o, en el flujo b, al despacho del lote; no futura), o rechaza el lote. El cierre correspondía el día de Lima de la descarga más temprana: dueDay y daysLate. Con todos los lotes rechazados la orden queda RECHAZADO y nonDeliveryKnownAt dice cuándo supo que el producto no llegaría.", closeBodySchema, closedResponse),
    "/api/v1/orders/{code}/reject": action("rechazar_orden", "Rechazar orden", "El comprador rechaza una orden aún no cerrada (SOLICITADO, VENDIDO o POR CERRAR), con un motivo y cuándo supo que el producto no llegaría (nonDeliveryKnownAt, ISO 8601 con zona; por omisión, el momento del rechazo; no anterior al registro de la orden, no futura). El rechazo correspondía ese día de Lima: dueDay y daysLate.", rejectBodySchema, rejectedResponse),
    "/api/v1/movements": {
      get: {
        summary: "Listar movimientos",
        description: `Movimientos de todas las órdenes (solo regulador y administrador), del más reciente al más antiguo. Eventos: ${MOVEMENT_EVENTS.join(", ")}.`,
        operationId: "listMovements",
        parameters: queryParameters(listMovementsQuerySchema, components),
        responses: { "200": { description: "Una página de movimientos", content: json(movementPageResponse) }, ...problems([400, 401, 403, 429], [...READ_CODES, "NO_AUTORIZADO"], false) },
      },
    },
    // The movement log (lib/log) and the public verification: no key, no session, cacheable.
    "/api/log/checkpoint": {
      get: {
        summary: "Último checkpoint del registro de movimientos",
        description:
          "El checkpoint firmado más reciente (C2SP tlog-checkpoint en una nota C2SP signed-note, Ed25519): origen, tamaño del árbol, raíz en base64, línea en blanco y la firma «— <nombre> <base64(id de clave ‖ firma)>». Cambia cada pocos segundos.",
        operationId: "logCheckpoint",
        security: [],
        tags: ["Registro verificable"],
        responses: { "200": { description: "El checkpoint", content: { "text/plain": { schema: { type: "string" } } } }, ...problems([404], ["FUERA_DEL_REGISTRO"], false) },
      },
    },
    "/api/log/key": {
      get: {
        summary: "Clave pública del registro",
        description: "La clave de verificación (vkey de C2SP signed-note: <nombre>+<id>+<base64(0x01 ‖ clave Ed25519)>). Compárela con la publicada oficialmente.",
        operationId: "logKey",
        security: [],
        tags: ["Registro verificable"],
        responses: { "200": { description: "La vkey", content: { "text/plain": { schema: { type: "string" } } } } },
      },
    },
    "/api/log/checkpoints": {
      get: {
        summary: "Checkpoints firmados anteriores",
        description: "Todos los checkpoints que firmó el registro, por tamaño, de a páginas: para comprobar por consistencia que ninguno fue reescrito.",
        operationId: "logCheckpoints",
        security: [],
        tags: ["Registro verificable"],
        parameters: queryParameters(checkpointsQuerySchema, components),
        responses: { "200": { description: "Una página de checkpoints", content: json(checkpointsResponse) }, ...problems([400], ["DATOS_INVALIDOS"], false) },
      },
    },
    "/api/log/proof/inclusion": {
      get: {
        summary: "Prueba de inclusión",
        description: "La prueba de inclusión (RFC 9162 §2.1.3) de una hoja en el árbol firmado de un tamaño dado. Inmutable: se guarda en caché un año.",
        operationId: "logInclusionProof",
        security: [],
        tags: ["Registro verificable"],
        parameters: queryParameters(inclusionQuerySchema, components),
        responses: { "200": { description: "La prueba", content: json(inclusionProofResponse) }, ...problems([400, 404], ["DATOS_INVALIDOS", "FUERA_DEL_REGISTRO"], false) },
      },
    },
    "/api/log/proof/consistency": {
      get: {
        summary: "Prueba de consistencia",
        description: "La prueba de consistencia (RFC 9162 §2.1.4) entre dos tamaños del árbol firmado: el anterior es prefijo del posterior. Inmutable.",
        operationId: "logConsistencyProof",
        security: [],
        tags: ["Registro verificable"],
        parameters: queryParameters(consistencyQuerySchema, components),
        responses: { "200": { description: "La prueba", content: json(consistencyProofResponse) }, ...problems([400, 404], ["DATOS_INVALIDOS", "FUERA_DEL_REGISTRO"], false) },
      },
    },
    "/api/log/leaves/{index}": {
      get: {
        summary: "Datos de una hoja",
        description:
          "Los 34 bytes de la hoja: versión, tipo y el compromiso salado de su registro. Por sí sola no revela el movimiento; quien conoce el código obtiene su apertura en /api/verificacion/codigo/{code}.",
        operationId: "logLeaf",
        security: [],
        tags: ["Registro verificable"],
        parameters: [{ name: "index", in: "path", required: true, schema: { type: "integer", minimum: 0 } }],
        responses: { "200": { description: "La hoja", content: json(leafResponse) }, ...problems([400, 404], ["DATOS_INVALIDOS", "FUERA_DEL_REGISTRO"], false) },
      },
    },
    "/api/log/tile/{path}": {
      get: {
        summary: "Tesela de hashes (C2SP tlog-tiles)",
        description:
          "tile/<nivel>/<índice>[.p/<ancho>]: 256 hashes consecutivos de un nivel (nivel 0: hashes de hojas), el índice en grupos de tres dígitos (x001/x234/067). Inmutable.",
        operationId: "logTile",
        security: [],
        tags: ["Registro verificable"],
        parameters: [{ name: "path", in: "path", required: true, schema: { type: "string", examples: ["0/x012/345", "0/000.p/17"] } }],
        responses: { "200": { description: "Los hashes concatenados", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }, ...problems([400, 404], ["DATOS_INVALIDOS", "FUERA_DEL_REGISTRO"], false) },
      },
    },
    "/api/verificacion/codigo/{code}": {
      get: {
        summary: "Verificación pública de un código",
        description:
          "Sin sesión: si el código es de una orden de este sistema, su estado, las fechas de sus movimientos, los nombres y el estado de registro del vendedor, el comprador y la planta, y las pruebas de que todo está en el registro firmado. Sin volúmenes, documentos ni personas. Limitado por dirección (429 con Retry-After).",
        operationId: "publicCode",
        security: [],
        tags: ["Verificación pública"],
        parameters: [{ ...codeParameter, description: "Código de Autorización (o código del SCOP anterior, por coincidencia exacta)." }],
        responses: { "200": { description: "La respuesta (found: false si no existe)", content: json(publicCodeAnswerSchema) }, ...problems([400, 429], ["DATOS_INVALIDOS", "DEMASIADAS_CONSULTAS"], false) },
      },
    },
    "/api/verificacion/placa/{plate}": {
      get: {
        summary: "Verificación pública de una placa",
        description: "Sin sesión: si la cisterna está registrada y VIGENTE, y si tiene hoy un lote vendido o despachado con la orden aún abierta, con su código. Limitado por dirección.",
        operationId: "publicPlate",
        security: [],
        tags: ["Verificación pública"],
        parameters: [{ name: "plate", in: "path", required: true, schema: { type: "string", examples: ["T8A-870"] } }],
        responses: { "200": { description: "La respuesta", content: json(publicPlateAnswerSchema) }, ...problems([400, 429], ["DATOS_INVALIDOS", "DEMASIADAS_CONSULTAS"], false) },
      },
    },
    "/api/v1/trucks": {
      get: {
        summary: "Listar cisternas",
        description:
          "Cisternas / camiones tanque inscritos. El regulador, el administrador y los operadores de planta consultan todas; un comprador o vendedor, las de su agente. Filtros: placa (cualquier formato peruano, se normaliza), RUC del propietario, estado. Paginación: pase nextAfter en after.",
        operationId: "listTrucks",
        parameters: queryParameters(listTrucksQuerySchema, components),
        responses: { "200": { description: "Una página de cisternas", content: json(truckPageResponse) }, ...problems([400, 401, 429], READ_CODES, false) },
      },
      post: {
        summary: "Inscribir cisterna",
        description: "Solo el administrador. Placa, número de registro propio, agente propietario (Planta Envasadora, Distribuidor a Granel o Productor / Comercializador), capacidad en galones y vencimiento del seguro; queda VIGENTE.",
        operationId: "createTruck",
        parameters: [idempotencyParameter],
        requestBody: body(truckBodySchema),
        responses: { "201": { description: "Cisterna inscrita", content: json(truckResponse) }, ...problems([400, 401, 403, 409, 415, 422, 429], WRITE_CODES, [TRUCK_ERRORS]) },
      },
    },
    "/api/v1/trucks/{id}": {
      get: {
        summary: "Consultar cisterna",
        operationId: "getTruck",
        parameters: [truckIdParameter],
        responses: { "200": { description: "La cisterna", content: json(truckResponse) }, ...problems([401, 404, 429], ALWAYS, [TRUCK_LOOKUP_ERRORS]) },
      },
      put: {
        summary: "Modificar cisterna",
        description: "Solo el administrador. Reemplaza sus datos; la placa y el propietario no cambian si ya transportó lotes.",
        operationId: "updateTruck",
        parameters: [truckIdParameter],
        requestBody: body(truckBodySchema),
        responses: { "200": { description: "Cisterna modificada", content: json(truckResponse) }, ...problems([400, 401, 403, 404, 409, 415, 422, 429], MANAGE_CODES, [TRUCK_ERRORS]) },
      },
    },
    "/api/v1/trucks/{id}/status": {
      post: {
        summary: "Cambiar estado de cisterna",
        description: "Solo el administrador. VIGENTE ↔ SUSPENDIDO, o CANCELADO (definitivo), siempre con un motivo que queda en la auditoría.",
        operationId: "changeTruckStatus",
        parameters: [truckIdParameter, idempotencyParameter],
        requestBody: body(truckStatusBodySchema),
        responses: { "200": { description: "Estado cambiado", content: json(truckResponse) }, ...problems([400, 401, 403, 404, 409, 415, 429], WRITE_CODES, [TRUCK_ERRORS]) },
      },
    },
    "/api/v1/webhooks": {
      get: {
        summary: "Listar webhooks",
        description: "Los endpoints de webhooks del agente de la clave (roles comprador, vendedor y operador de planta).",
        operationId: "listWebhooks",
        responses: { "200": { description: "Los webhooks", content: json(endpointListResponse) }, ...problems([401, 403, 429], [...ALWAYS, "NO_AUTORIZADO"], false) },
      },
      post: {
        summary: "Registrar webhook",
        description:
          "Registra una URL HTTPS que recibirá los eventos elegidos de las órdenes propias del agente. Se rechazan URLs que resuelven a direcciones locales, privadas o de enlace local. La respuesta trae el secreto de firma (whsec_…) una sola vez.",
        operationId: "createWebhook",
        requestBody: body(createEndpointSchema),
        responses: { "201": { description: "Webhook registrado", content: json(createdEndpointResponse) }, ...problems([400, 401, 403, 415, 422, 429], MANAGE_CODES, [WEBHOOK_ERRORS]) },
      },
    },
    "/api/v1/webhooks/{id}": {
      get: {
        summary: "Consultar webhook",
        operationId: "getWebhook",
        parameters: [webhookIdParameter],
        responses: { "200": { description: "El webhook", content: json(endpointResponse) }, ...problems([401, 403, 404, 429], [...ALWAYS, "NO_AUTORIZADO"], [WEBHOOK_ERRORS]) },
      },
      patch: {
        summary: "Modificar webhook",
        description: "Cambia la URL, la descripción o los eventos; enabled: false lo deshabilita y true lo vuelve a habilitar (se reanudan las entregas pendientes).",
        operationId: "updateWebhook",
        parameters: [webhookIdParameter],
        requestBody: body(updateEndpointSchema),
        responses: { "200": { description: "El webhook modificado", content: json(endpointResponse) }, ...problems([400, 401, 403, 404, 415, 422, 429], MANAGE_CODES, [WEBHOOK_ERRORS]) },
      },
      delete: {
        summary: "Eliminar webhook",
        operationId: "deleteWebhook",
        parameters: [webhookIdParameter],
        responses: { "200": { description: "Eliminado con su registro de entregas", content: json(z.object({ id: z.int(), deleted: z.literal(true) })) }, ...problems([401, 403, 404, 429], [...ALWAYS, "NO_AUTORIZADO"], [WEBHOOK_ERRORS]) },
      },
    },
    "/api/v1/webhooks/{id}/rotate-secret": {
      post: {
        summary: "Rotar secreto de webhook",
        description: "Genera un secreto nuevo (se muestra una vez). Durante 24 horas cada entrega lleva dos firmas en webhook-signature: con el nuevo y con el anterior.",
        operationId: "rotateWebhookSecret",
        parameters: [webhookIdParameter],
        responses: { "200": { description: "El secreto nuevo", content: json(rotatedSecretResponse) }, ...problems([400, 401, 403, 404, 415, 422, 429], MANAGE_CODES, [WEBHOOK_ERRORS]) },
      },
    },
    "/api/v1/webhooks/{id}/deliveries": {
      get: {
        summary: "Registro de entregas",
        description: "Las entregas del webhook, de la más reciente a la más antigua, con su estado, último código HTTP y latencia. Paginación por cursor.",
        operationId: "listWebhookDeliveries",
        parameters: [webhookIdParameter, ...queryParameters(deliveriesQuerySchema, components)],
        responses: { "200": { description: "Una página de entregas", content: json(deliveryPageResponse) }, ...problems([400, 401, 403, 404, 429], [...READ_CODES, "NO_AUTORIZADO"], [WEBHOOK_ERRORS]) },
      },
    },
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend": {
      post: {
        summary: "Reenviar entrega",
        description: "Envía otra vez la entrega, ahora, con el mismo webhook-id y el mismo cuerpo (el receptor deduplica por webhook-id).",
        operationId: "resendWebhookDelivery",
        parameters: [webhookIdParameter, { name: "deliveryId", in: "path", required: true, schema: { type: "integer" } }],
        responses: { "200": { description: "Resultado del intento", content: json(resendResponse) }, ...problems([400, 401, 403, 404, 415, 422, 429], MANAGE_CODES, [WEBHOOK_ERRORS]) },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        summary: "Este documento",
        operationId: "openApi",
        security: [],
        responses: { "200": { description: "OpenAPI 3.1", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
  };

  const webhooks = Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: EVENT_TYPE_LABELS[type],
          description:
            `Lo que SCOP GLP envía (POST, JSON) a cada webhook del agente suscrito a ${type}, solo por órdenes o inscripciones propias del agente. ` +
            "Standard Webhooks: firma HMAC-SHA256 de `${webhook-id}.${webhook-timestamp}.${cuerpo}` con los bytes del secreto (base64 tras whsec_), en webhook-signature como v1,<base64>. " +
            "Entrega al menos una vez: deduplique por webhook-id. En orden por orden. Reintentos con espera creciente durante 24 horas si no responde 2xx en 10 s.",
          operationId: `webhook_${type.replace(/\W/g, "_")}`,
          parameters: [
            { name: "webhook-id", in: "header", required: true, description: "msg_<eventId>: igual en cada reintento", schema: { type: "string" } },
            { name: "webhook-timestamp", in: "header", required: true, description: "Segundos desde 1970 (UTC) del intento", schema: { type: "string" } },
            { name: "webhook-signature", in: "header", required: true, description: "v1,<base64>; dos firmas separadas por un espacio durante una rotación", schema: { type: "string" } },
          ],
          requestBody: { required: true, content: json(WEBHOOK_PAYLOADS[type]) },
          responses: { "200": { description: "Recibido (cualquier 2xx)" } },
          security: [],
        },
      },
    ]),
  );

  return {
    openapi: "3.1.0",
    info: {
      title: "API de SCOP GLP a granel",
      version: "1.1.0",
      license: { name: "Licencia de uso del Centro de Control SCOP — Osinergmin (uso restringido a agentes inscritos)", identifier: "LicenseRef-SCOP-GLP" },
      description:
        "Órdenes de pedido de GLP a granel. Autenticación con una clave de API (menú «Claves de API» del portal) en la cabecera Authorization: Bearer scop_…; la clave actúa con el rol y el agente del usuario que la creó. Errores como application/problem+json con un código estable.",
    },
    jsonSchemaDialect: "https://spec.openapis.org/oas/3.1/dialect/base",
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths,
    webhooks,
    components: {
      schemas: components,
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Clave de API scop_<prefijo>_<secreto>" } },
    },
  };
}
