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

const STATUS_BY_KIND: Record<ErrorKind, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, rule: 422 };

const TITLE_BY_STATUS: Record<number, string> = {
  400: "Datos inválidos",
  401: "No autenticado",
  403: "No autorizado",
  404: "No encontrado",
  409: "Conflicto",
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

/** A route handler answering 405 as a problem, naming the methods the route does accept. */
export function methodNotAllowed(allow: string) {
  return async () =>
    jsonResponse(405, problemBody(405, "METODO_NO_PERMITIDO", `Esta ruta no admite ese método; admite: ${allow}.`), { Allow: allow });
}
