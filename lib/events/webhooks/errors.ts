/**
 * The refusals of the webhook services (lib/events/webhooks/), by code, with their kind: the
 * OpenAPI document lists them in the webhook operations' `code` enums (lib/api/openapi.ts), and
 * tests/api/openapi-strict.test.ts checks that every code those services raise is here.
 */
import type { ErrorKind } from "@/lib/errors";

export const WEBHOOK_ERRORS = {
  DATOS_INVALIDOS: "invalid",
  WEBHOOK_URL_NO_PERMITIDA: "invalid",
  NO_AUTORIZADO: "forbidden",
  WEBHOOK_NO_ENCONTRADO: "not_found",
  ENTREGA_NO_ENCONTRADA: "not_found",
  DEMASIADOS_WEBHOOKS: "rule",
} as const satisfies Record<string, ErrorKind>;
