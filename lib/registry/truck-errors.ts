/**
 * Every refusal of the truck registry (lib/registry/trucks.ts) and of the truck API's own lookup
 * (app/api/v1/trucks), by code, with its kind: the OpenAPI document lists them in the truck
 * operations' `code` enums (lib/api/openapi.ts).
 */
import type { ErrorKind } from "@/lib/errors";

export const TRUCK_LOOKUP_ERRORS = { CISTERNA_NO_ENCONTRADA: "not_found" } as const satisfies Record<string, ErrorKind>;

export const TRUCK_ERRORS = {
  ...TRUCK_LOOKUP_ERRORS,
  CISTERNA_NO_EXISTE: "not_found",
  CISTERNA_DUPLICADA: "conflict",
  CISTERNA_MODIFICADA: "conflict",
  CAMBIO_DE_ESTADO_NO_PERMITIDO: "conflict",
  CISTERNA_CANCELADA: "rule",
  CISTERNA_CON_LOTES: "rule",
} as const satisfies Record<string, ErrorKind>;
