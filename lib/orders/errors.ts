/**
 * Every refusal of the order services, by its stable code, with its kind (the HTTP status the API
 * answers it with). The services raise them with orderError(), so this list is complete by
 * construction, and the OpenAPI document lists these codes in each response's `code` enum
 * (lib/api/openapi.ts). tests/api/error-codes.test.ts refuses a bare DomainError in lib/orders.
 */
import { DomainError, type ErrorKind, type FieldErrors } from "@/lib/errors";

export const ORDER_ERRORS = {
  DATOS_INVALIDOS: "invalid",
  LOTES_INCOMPLETOS: "invalid",
  CANTIDAD_RECIBIDA_INVALIDA: "invalid",
  FECHA_DECLARADA_INVALIDA: "invalid",
  DESPACHO_INVALIDO: "invalid",
  VENDEDOR_NO_EXISTE: "invalid",
  NO_AUTORIZADO: "forbidden",
  ORDEN_NO_ENCONTRADA: "not_found",
  TRANSICION_NO_PERMITIDA: "conflict",
  ORDEN_MODIFICADA: "conflict",
  COMPRADOR_NO_VIGENTE: "rule",
  VENDEDOR_NO_VIGENTE: "rule",
  PLANTA_NO_VIGENTE: "rule",
  SEGURO_NO_REGISTRADO: "rule",
  SEGURO_VENCIDO: "rule",
  TIPO_VENDEDOR_NO_CORRESPONDE: "rule",
  COMPRA_NO_PERMITIDA: "rule",
  PLANTA_NO_VALIDA: "rule",
  TANQUES_CEDIDOS: "rule",
  CESION_NO_VALIDA: "rule",
  CISTERNA_NO_REGISTRADA: "rule",
  CISTERNA_NO_VIGENTE: "rule",
  CISTERNA_SEGURO_VENCIDO: "rule",
  CISTERNA_CAPACIDAD_EXCEDIDA: "rule",
  LIMITE_MENSUAL_DISTRIBUIDOR: "rule",
  CAPACIDAD_INSUFICIENTE: "rule",
  VENTA_EXCEDE_SOLICITADO: "rule",
} as const satisfies Record<string, ErrorKind>;

export type OrderErrorCode = keyof typeof ORDER_ERRORS;

export function orderError(code: OrderErrorCode, message: string, fieldErrors?: FieldErrors): DomainError {
  return new DomainError(ORDER_ERRORS[code], code, message, fieldErrors);
}

/** The codes of one kind, e.g. every "rule" refusal (422). */
export function orderErrorCodes(kind: ErrorKind): OrderErrorCode[] {
  return (Object.keys(ORDER_ERRORS) as OrderErrorCode[]).filter((code) => ORDER_ERRORS[code] === kind);
}
