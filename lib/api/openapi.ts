/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the API parses with
 * (z.toJSONSchema, input side: what a client sends). Zod cannot express everything in JSON Schema:
 * refinements (check digit, plate and document formats, calendar dates) are described in words,
 * and `z.coerce.date()` (a lot's dispatchedAt) is written as an ISO date-time string.
 */
import { MOVEMENT_EVENTS } from "@/lib/orders/states";
import { z } from "@/lib/validation";
import {
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
  saleBodySchema,
  transitionResponse,
} from "./schemas";
import { listTrucksQuerySchema, truckPageResponse, truckResponse } from "./trucks";
import { truckSchema, truckStatusSchema } from "@/lib/registry/truck-schema";
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
  400: "Datos inválidos (DATOS_INVALIDOS) o JSON inválido (JSON_INVALIDO)",
  401: "Clave ausente, inválida o revocada (NO_AUTENTICADO)",
  403: "El rol de la clave no permite la operación (NO_AUTORIZADO)",
  404: "La orden (o el webhook) no existe o es de otro agente (ORDEN_NO_ENCONTRADA, WEBHOOK_NO_ENCONTRADO)",
  409: "La orden no admite la acción en su estado (TRANSICION_NO_PERMITIDA) u otra solicitud la modificó (ORDEN_MODIFICADA)",
  422: "Regla regulatoria (p. ej. CAPACIDAD_INSUFICIENTE) o Idempotency-Key reutilizada con otra solicitud (IDEMPOTENCIA_CONFLICTO)",
  429: "Límite de solicitudes por minuto superado (DEMASIADAS_SOLICITUDES); ver Retry-After",
};

function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      String(status),
      { description: PROBLEM_DESCRIPTIONS[status], content: { "application/problem+json": { schema: problemRef } } },
    ]),
  );
}

const codeParameter = {
  name: "code",
  in: "path",
  required: true,
  description:
    "Código de Autorización: 11 dígitos (espacios y guiones se ignoran), buscado tal como se escribe. Los códigos de este portal terminan en un dígito verificador: si no coincide con ninguna orden y el dígito no corresponde, la respuesta es 400 (mal escrito); los del SCOP anterior (legacyCode) no lo llevan.",
  schema: { type: "string", examples: ["12345678903"] },
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
    "1 a 200 caracteres imprimibles. Repetir la misma solicitud con la misma clave devuelve la respuesta guardada (cabecera Idempotency-Replayed: true) sin volver a ejecutarla.",
  schema: { type: "string", minLength: 1, maxLength: 200 },
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
  const action = (summary: string, description: string, request: z.ZodType | null, success: z.ZodType) => ({
    post: {
      summary,
      description,
      operationId: summary.replace(/\W+/g, "_").toLowerCase(),
      parameters: [codeParameter, idempotencyParameter],
      ...(request ? { requestBody: body(request) } : {}),
      responses: { "200": { description: "Acción registrada", content: json(success) }, ...problems(400, 401, 403, 404, 409, 422, 429) },
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
        responses: { "200": { description: "Una página de órdenes", content: json(orderPageResponse) }, ...problems(400, 401, 429) },
      },
      post: {
        summary: "Registrar orden",
        description: "Genera una orden de pedido (rol comprador) y devuelve su Código de Autorización. Volúmenes en galones (número o texto, hasta dos decimales).",
        operationId: "registerOrder",
        parameters: [idempotencyParameter],
        requestBody: body(registerBodySchema),
        responses: { "201": { description: "Orden registrada", content: json(registeredResponse) }, ...problems(400, 401, 403, 409, 422, 429) },
      },
    },
    "/api/v1/orders/{code}": {
      get: {
        summary: "Consultar orden",
        description: "Detalle de una orden con sus lotes y movimientos.",
        operationId: "getOrder",
        parameters: [codeParameter],
        responses: { "200": { description: "La orden", content: json(orderDetailResponse) }, ...problems(400, 401, 404, 429) },
      },
    },
    "/api/v1/orders/{code}/annul": action("Anular orden", "El comprador anula una orden SOLICITADO. Sin cuerpo.", null, transitionResponse),
    "/api/v1/orders/{code}/sale": action(
      "Vender orden",
      "El vendedor elegido registra la venta en lotes: placa de una cisterna registrada que puede transportar la orden (del vendedor; en flujo b también del comprador), VIGENTE, con seguro vigente y capacidad para el lote; guía de remisión y factura en los formatos en uso (F001-00001234, T001-…, EG01-…, 0001-0001387 o solo el número); densidad (kg/L) y temperatura (°C) opcionales. Un Distribuidor a Granel vende como máximo 30,000 gal por cliente al mes.",
      saleBodySchema,
      transitionResponse,
    ),
    "/api/v1/orders/{code}/dispatch": action(
      "Despachar orden",
      "El operador de la planta de abastecimiento registra el despacho de cada lote (flujo b). Si carga otra cisterna, su placa debe ser de una cisterna registrada con las mismas condiciones que en la venta.",
      dispatchBodySchema,
      transitionResponse,
    ),
    "/api/v1/orders/{code}/close": action("Cerrar orden", "El comprador declara la cantidad recibida de cada lote o lo rechaza.", closeBodySchema, closedResponse),
    "/api/v1/orders/{code}/reject": action("Rechazar orden", "El comprador rechaza una orden VENDIDO o POR CERRAR, con un motivo.", rejectBodySchema, transitionResponse),
    "/api/v1/movements": {
      get: {
        summary: "Listar movimientos",
        description: `Movimientos de todas las órdenes (solo regulador y administrador), del más reciente al más antiguo. Eventos: ${MOVEMENT_EVENTS.join(", ")}.`,
        operationId: "listMovements",
        parameters: queryParameters(listMovementsQuerySchema, components),
        responses: { "200": { description: "Una página de movimientos", content: json(movementPageResponse) }, ...problems(400, 401, 403, 429) },
      },
    },
    "/api/v1/trucks": {
      get: {
        summary: "Listar cisternas",
        description:
          "Cisternas / camiones tanque inscritos. El regulador, el administrador y los operadores de planta consultan todas; un comprador o vendedor, las de su agente. Filtros: placa (cualquier formato peruano, se normaliza), RUC del propietario, estado. Paginación: pase nextAfter en after.",
        operationId: "listTrucks",
        parameters: queryParameters(listTrucksQuerySchema, components),
        responses: { "200": { description: "Una página de cisternas", content: json(truckPageResponse) }, ...problems(400, 401, 429) },
      },
      post: {
        summary: "Inscribir cisterna",
        description: "Solo el administrador. Placa, número de registro propio, agente propietario (Planta Envasadora, Distribuidor a Granel o Productor / Comercializador), capacidad en galones y vencimiento del seguro; queda VIGENTE.",
        operationId: "createTruck",
        parameters: [idempotencyParameter],
        requestBody: body(truckSchema),
        responses: { "201": { description: "Cisterna inscrita", content: json(truckResponse) }, ...problems(400, 401, 403, 409, 422, 429) },
      },
    },
    "/api/v1/trucks/{id}": {
      get: {
        summary: "Consultar cisterna",
        operationId: "getTruck",
        parameters: [truckIdParameter],
        responses: { "200": { description: "La cisterna", content: json(truckResponse) }, ...problems(401, 404, 429) },
      },
      put: {
        summary: "Modificar cisterna",
        description: "Solo el administrador. Reemplaza sus datos; la placa y el propietario no cambian si ya transportó lotes.",
        operationId: "updateTruck",
        parameters: [truckIdParameter],
        requestBody: body(truckSchema),
        responses: { "200": { description: "Cisterna modificada", content: json(truckResponse) }, ...problems(400, 401, 403, 404, 409, 422, 429) },
      },
    },
    "/api/v1/trucks/{id}/status": {
      post: {
        summary: "Cambiar estado de cisterna",
        description: "Solo el administrador. VIGENTE ↔ SUSPENDIDO, o CANCELADO (definitivo), siempre con un motivo que queda en la auditoría.",
        operationId: "changeTruckStatus",
        parameters: [truckIdParameter, idempotencyParameter],
        requestBody: body(truckStatusSchema.omit({ truckId: true })),
        responses: { "200": { description: "Estado cambiado", content: json(truckResponse) }, ...problems(400, 401, 403, 404, 409, 429) },
      },
    },
    "/api/v1/webhooks": {
      get: {
        summary: "Listar webhooks",
        description: "Los endpoints de webhooks del agente de la clave (roles comprador, vendedor y operador de planta).",
        operationId: "listWebhooks",
        responses: { "200": { description: "Los webhooks", content: json(endpointListResponse) }, ...problems(401, 403, 429) },
      },
      post: {
        summary: "Registrar webhook",
        description:
          "Registra una URL HTTPS que recibirá los eventos elegidos de las órdenes propias del agente. Se rechazan URLs que resuelven a direcciones locales, privadas o de enlace local. La respuesta trae el secreto de firma (whsec_…) una sola vez.",
        operationId: "createWebhook",
        requestBody: body(createEndpointSchema),
        responses: { "201": { description: "Webhook registrado", content: json(createdEndpointResponse) }, ...problems(400, 401, 403, 422, 429) },
      },
    },
    "/api/v1/webhooks/{id}": {
      get: {
        summary: "Consultar webhook",
        operationId: "getWebhook",
        parameters: [webhookIdParameter],
        responses: { "200": { description: "El webhook", content: json(endpointResponse) }, ...problems(401, 403, 404, 429) },
      },
      patch: {
        summary: "Modificar webhook",
        description: "Cambia la URL, la descripción o los eventos; enabled: false lo deshabilita y true lo vuelve a habilitar (se reanudan las entregas pendientes).",
        operationId: "updateWebhook",
        parameters: [webhookIdParameter],
        requestBody: body(updateEndpointSchema),
        responses: { "200": { description: "El webhook modificado", content: json(endpointResponse) }, ...problems(400, 401, 403, 404, 429) },
      },
      delete: {
        summary: "Eliminar webhook",
        operationId: "deleteWebhook",
        parameters: [webhookIdParameter],
        responses: { "200": { description: "Eliminado con su registro de entregas" }, ...problems(401, 403, 404, 429) },
      },
    },
    "/api/v1/webhooks/{id}/rotate-secret": {
      post: {
        summary: "Rotar secreto de webhook",
        description: "Genera un secreto nuevo (se muestra una vez). Durante 24 horas cada entrega lleva dos firmas en webhook-signature: con el nuevo y con el anterior.",
        operationId: "rotateWebhookSecret",
        parameters: [webhookIdParameter],
        responses: { "200": { description: "El secreto nuevo", content: json(rotatedSecretResponse) }, ...problems(401, 403, 404, 429) },
      },
    },
    "/api/v1/webhooks/{id}/deliveries": {
      get: {
        summary: "Registro de entregas",
        description: "Las entregas del webhook, de la más reciente a la más antigua, con su estado, último código HTTP y latencia. Paginación por cursor.",
        operationId: "listWebhookDeliveries",
        parameters: [webhookIdParameter, ...queryParameters(deliveriesQuerySchema, components)],
        responses: { "200": { description: "Una página de entregas", content: json(deliveryPageResponse) }, ...problems(400, 401, 403, 404, 429) },
      },
    },
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend": {
      post: {
        summary: "Reenviar entrega",
        description: "Envía otra vez la entrega, ahora, con el mismo webhook-id y el mismo cuerpo (el receptor deduplica por webhook-id).",
        operationId: "resendWebhookDelivery",
        parameters: [webhookIdParameter, { name: "deliveryId", in: "path", required: true, schema: { type: "integer" } }],
        responses: { "200": { description: "Resultado del intento", content: json(resendResponse) }, ...problems(401, 403, 404, 429) },
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
      version: "1.0.0",
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
