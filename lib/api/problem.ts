/**
 * Errors of the HTTP API as RFC 9457 problem details (application/problem+json), each with a
 * stable `code`, a short Spanish title and a Spanish detail the caller can show.
 */
import { GENERIC_ERROR_MESSAGE, type DomainError, type ErrorKind, type FieldErrors } from "@/lib/errors";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
export const PROBLEM_TYPE_BASE = "https://scop.example/problemas/";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldErrors;
}

export const STATUS_BY_KIND: Record<ErrorKind, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, rule: 422 };

/**
 * The refusals the API layer itself decides (before or around the order services), by code,
 * with their status. The OpenAPI document lists them, with the services' (lib/orders/errors.ts),
 * in each response's `code` enum.
 */
export const API_ERRORS = {
  DATOS_INVALIDOS: 400,
  JSON_INVALIDO: 400,
  RUTA_MALFORMADA: 400,
  NO_AUTENTICADO: 401,
  NO_AUTORIZADO: 403,
  RUTA_NO_ENCONTRADA: 404,
  /** the movement log: a leaf or a tree size beyond the signed tree (lib/log) */
  FUERA_DEL_REGISTRO: 404,
  METODO_NO_PERMITIDO: 405,
  TIPO_DE_CONTENIDO_NO_ADMITIDO: 415,
  IDEMPOTENCIA_CONFLICTO: 422,
  DEMASIADAS_SOLICITUDES: 429,
  /** the public verification's per-address limit (lib/verification) */
  DEMASIADAS_CONSULTAS: 429,
  ERROR_INTERNO: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERRORS;

const TITLE_BY_STATUS: Record<number, string> = {
  400: "Datos inválidos",
  401: "No autenticado",
  403: "No autorizado",
  404: "No encontrado",
  405: "Método no permitido",
  409: "Conflicto",
  415: "Tipo de contenido no admitido",
  422: "Regla no cumplida",
  429: "Demasiadas solicitudes",
  500: "Error interno",
};

const TITLE_BY_CODE: Record<string, string> = {
  JSON_INVALIDO: "JSON inválido",
  ORDEN_NO_ENCONTRADA: "Orden no encontrada",
  TRANSICION_NO_PERMITIDA: "Transición no permitida",
  ORDEN_MODIFICADA: "Orden modificada",
  CAPACIDAD_INSUFICIENTE: "Capacidad insuficiente",
  IDEMPOTENCIA_CONFLICTO: "Clave de idempotencia reutilizada",
};

/** A refusal decided by the API layer itself (authentication, JSON, path, query). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldErrors,
    readonly headers?: Record<string, string>,
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

export function problemBody(status: number, code: string, detail: string, errors?: FieldErrors): ProblemBody {
  return {
    type: PROBLEM_TYPE_BASE + code.toLowerCase(),
    title: TITLE_BY_CODE[code] ?? TITLE_BY_STATUS[status] ?? "Error",
    status,
    code,
    detail,
    ...(errors && Object.keys(errors).length ? { errors } : {}),
  };
}

export function fromDomainError(error: DomainError): ProblemBody {
  return problemBody(STATUS_BY_KIND[error.kind], error.code, error.message, error.fieldErrors);
}

export function fromApiProblem(problem: ApiProblem): ProblemBody {
  return problemBody(problem.status, problem.code, problem.detail, problem.errors);
}

export const internalError = (): ProblemBody => problemBody(500, "ERROR_INTERNO", GENERIC_ERROR_MESSAGE);

export function invalidData(errors: FieldErrors, detail = "Revise los datos enviados."): ApiProblem {
  return new ApiProblem(400, "DATOS_INVALIDOS", detail, errors);
}

/** A JSON response; problems (status ≥ 400) as application/problem+json. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": status >= 400 ? PROBLEM_CONTENT_TYPE : "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      ...headers,
    },
  });
}

/** The 405 of a method the route does not answer (the front door sends it: server.ts). */
export function methodNotAllowedBody(allow: string): ProblemBody {
  return problemBody(405, "METODO_NO_PERMITIDO", `Esta ruta no admite ese método; admite: ${allow}.`);
}
