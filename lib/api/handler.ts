import "server-only";
/**
 * The one path every /api/v1 call takes: authenticate the key → rate limit → the key's role
 * against the permission table (lib/auth/permissions.ts) → (POST) a JSON Content-Type, the
 * JSON body against the operation's strict schema → the Idempotency-Key, replayed or claimed →
 * the route's work, which calls the same lib/ services as the screens → refusals as problem
 * details. Nothing unexpected leaks: it is logged and answered with a generic 500. Methods the
 * route does not answer never get here: the front door answers them (405 with Allow).
 */
import { ROUTES, allows, type ApiPath, type ApiRule, type Method } from "@/lib/auth/permissions";
import type { Database } from "@/lib/db/database";
import { isDomainError } from "@/lib/errors";
import type { OrdersContext } from "@/lib/orders/context";
import { ordersContext } from "@/lib/next/context";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { noteActor } from "@/lib/observability/request-context";
import { fieldErrorsOf, type z } from "@/lib/validation";
import { answerOnce, idempotencyKeyOf, replayOf, requestHash, type IdempotencyRequest } from "./idempotency";
import { authenticateApiKey, type ApiActor } from "./keys";
import { consumeRateLimit } from "./rate-limit";
import { ApiProblem, fromApiProblem, fromDomainError, internalError, invalidData, jsonResponse, type ProblemBody } from "./problem";

const MAX_BODY_CHARS = 1_000_000;

export interface ApiCall<P> {
  actor: ApiActor;
  /** for the order services; in a POST with an Idempotency-Key its SQL joins the key's transaction */
  ctx: OrdersContext;
  url: URL;
  params: P;
  /** the parsed JSON object (POST); {} for GET and for an empty body where none is needed */
  body: Record<string, unknown>;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

interface RouteOptions {
  /** the strict schema of a POST's JSON body (lib/api/schemas.ts) */
  body?: z.ZodType;
  /** whether a POST may come without a body (the annulment) */
  bodyOptional?: boolean;
  /**
   * whether a POST or PATCH may carry an Idempotency-Key (true: the work runs on ctx.db, in plain
   * SQL, joined to the key's transaction; apiManage's Prisma work may not)
   */
  idempotent?: boolean;
}

type RouteContext<P> = { params: Promise<P> };

/** A GET: it reads through Prisma, outside any idempotency transaction. */
export interface ApiRead<P> {
  actor: ApiActor;
  db: Database;
  url: URL;
  params: P;
}

/** The GET of the API route `path`, whose work reads the database (screens' queries through Prisma). */
export function apiRead<P extends Record<string, string> = Record<string, never>>(path: ApiPath, work: (call: ApiRead<P>) => Promise<ApiResult>) {
  return apiRoute<P>(path, "GET", ({ actor, url, params }) => work({ actor, db: ordersContext().db, url, params }));
}

/** A call whose work goes through Prisma (the webhooks' management): the app's database. */
export interface ApiManage<P> {
  actor: ApiActor;
  db: Database;
  url: URL;
  params: P;
  body: Record<string, unknown>;
}

/**
 * `method` on the API route `path`, for work that writes through Prisma. Such work cannot join the
 * Idempotency-Key's plain-SQL transaction (on SQLite it would wait for the lock that transaction
 * holds), so these routes refuse the header rather than answer without its guarantee.
 */
export function apiManage<P extends Record<string, string> = Record<string, never>>(
  path: ApiPath,
  method: Method,
  work: (call: ApiManage<P>) => Promise<ApiResult>,
  options: Omit<RouteOptions, "idempotent"> = {},
) {
  return apiRoute<P>(path, method, ({ actor, url, params, body }) => work({ actor, db: ordersContext().db, url, params, body }), {
    ...options,
    idempotent: false,
  });
}

/** The handler of `method` on the API route `path` of the permission table. */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  path: ApiPath,
  method: Method,
  work: (call: ApiCall<P>) => Promise<ApiResult>,
  options: RouteOptions = {},
) {
  const access = (ROUTES[path] as ApiRule).methods[method];
  if (!access) throw new Error(`${method} ${path} no figura en la tabla de permisos`);
  if ((method === "POST" || method === "PATCH" || method === "PUT") && !options.body) throw new Error(`${method} ${path}: falta el esquema del cuerpo`);
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handle(request, context, work, access, options);
    } catch (error) {
      log("api").error({ err: error, method: request.method, path: new URL(request.url).pathname }, "la solicitud a la API falló");
      return jsonResponse(500, internalError());
    }
  };
}

async function handle<P extends Record<string, string>>(
  request: Request,
  context: RouteContext<P>,
  work: (call: ApiCall<P>) => Promise<ApiResult>,
  access: NonNullable<ApiRule["methods"][Method]>,
  options: RouteOptions,
): Promise<Response> {
  const ctx = ordersContext();
  const actor = await authenticateApiKey(ctx.db, request.headers.get("authorization"));
  if (!actor) {
    metrics().apiRefusals.inc({ code: "NO_AUTENTICADO" });
    return jsonResponse(
      401,
      problemOf(new ApiProblem(401, "NO_AUTENTICADO", "Envíe una clave de API válida y vigente en la cabecera «Authorization: Bearer <clave>».")),
      { "WWW-Authenticate": "Bearer" },
    );
  }
  noteActor({ role: actor.role, userId: actor.userId, apiKeyId: actor.apiKeyId });
  const retryAfter = await consumeRateLimit(ctx.db, actor.apiKeyId);
  if (retryAfter !== null) {
    metrics().apiRefusals.inc({ code: "DEMASIADAS_SOLICITUDES" });
    return jsonResponse(
      429,
      problemOf(new ApiProblem(429, "DEMASIADAS_SOLICITUDES", `Superó el límite de solicitudes por minuto de su clave. Reintente en ${retryAfter} s.`)),
      { "Retry-After": String(retryAfter) },
    );
  }

  if (!allows(access, { role: actor.role, pending: false })) {
    return jsonResponse(403, problemOf(new ApiProblem(403, "NO_AUTORIZADO", "No autorizado: el perfil de su clave de API no permite esta operación.")));
  }

  const url = new URL(request.url);
  const params = (await context.params) ?? ({} as P);
  // POST, PATCH and PUT carry a JSON body (POST and PATCH may carry an Idempotency-Key; a PUT, a
  // replacement, is idempotent by itself and goes through apiManage, which refuses the key); the
  // rest carry none.
  if (request.method !== "POST" && request.method !== "PATCH" && request.method !== "PUT") {
    const result = await run(() => work({ actor, ctx, url, params, body: {} }));
    return jsonResponse(result.status, result.body);
  }

  let idempotencyKey: string | null;
  try {
    idempotencyKey = idempotencyKeyOf(request);
  } catch (error) {
    const problem = problemOf(error);
    metrics().apiRefusals.inc({ code: problem.code });
    return jsonResponse(400, problem);
  }
  const text = await request.text();
  if (!(text === "" && options.bodyOptional) && !isJson(request.headers.get("content-type"))) {
    return jsonResponse(
      415,
      problemOf(new ApiProblem(415, "TIPO_DE_CONTENIDO_NO_ADMITIDO", "Envíe el cuerpo como JSON en UTF-8, con la cabecera «Content-Type: application/json».")),
      { "Accept-Post": "application/json" },
    );
  }
  if (idempotencyKey !== null && options.idempotent === false) {
    return jsonResponse(
      400,
      problemOf(new ApiProblem(400, "DATOS_INVALIDOS", "Esta operación no admite la cabecera Idempotency-Key: envíe la solicitud sin ella.")),
    );
  }
  // A body the operation's schema refuses is answered before the key is claimed: nothing ran, so
  // nothing is stored, and the client may send the corrected body with the same key.
  let body: Record<string, unknown>;
  try {
    body = parseBody(text, options.body!, options.bodyOptional ?? false);
  } catch (error) {
    const problem = problemOf(error);
    metrics().apiRefusals.inc({ code: problem.code });
    return jsonResponse(problem.status, problem);
  }
  const execute = (workCtx: OrdersContext) => run(() => work({ actor, ctx: workCtx, url, params, body }));
  if (idempotencyKey === null) {
    const result = await execute(ctx);
    return jsonResponse(result.status, result.body);
  }

  const idempotency: IdempotencyRequest = {
    apiKeyId: actor.apiKeyId,
    key: idempotencyKey,
    method: request.method,
    path: url.pathname,
    requestHash: requestHash(text),
  };
  const outcome = await answerOnce(ctx.db, idempotency, (db) => execute({ ...ctx, db }));
  if (outcome.kind === "answered") return jsonResponse(outcome.answer.status, outcome.answer.body);
  try {
    const stored = replayOf(outcome.record, idempotency);
    return jsonResponse(stored.status, stored.body, { "Idempotency-Replayed": "true" });
  } catch (error) {
    const problem = problemOf(error);
    metrics().apiRefusals.inc({ code: problem.code });
    return jsonResponse(problem.status, problem);
  }
}

/** Runs the route's work; expected refusals become their problem, anything else a logged 500. */
async function run(work: () => Promise<ApiResult>): Promise<ApiResult> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiProblem || isDomainError(error)) {
      const problem = problemOf(error);
      metrics().apiRefusals.inc({ code: problem.code });
      return { status: problem.status, body: problem };
    }
    log("api").error({ err: error }, "el trabajo de la solicitud a la API falló");
    return { status: 500, body: internalError() };
  }
}

function problemOf(error: unknown): ProblemBody {
  if (error instanceof ApiProblem) return fromApiProblem(error);
  if (isDomainError(error)) return fromDomainError(error);
  throw error;
}

/** application/json, in UTF-8 (RFC 8259: JSON between systems is UTF-8); any other type is a 415. */
function isJson(contentType: string | null): boolean {
  if (!contentType) return false;
  const [type, ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase());
  if (type !== "application/json") return false;
  const charset = parameters.find((parameter) => parameter.startsWith("charset="));
  return !charset || charset.replace(/^charset="?|"$/g, "") === "utf-8";
}

function parseBody(text: string, schema: z.ZodType, optional: boolean): Record<string, unknown> {
  if (text === "" && optional) return {};
  if (text.length > MAX_BODY_CHARS) {
    throw new ApiProblem(400, "JSON_INVALIDO", "El cuerpo de la solicitud es demasiado grande (máximo 1 MB).");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiProblem(400, "JSON_INVALIDO", "El cuerpo de la solicitud no es JSON válido.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiProblem(400, "JSON_INVALIDO", "El cuerpo de la solicitud debe ser un objeto JSON.");
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidData(fieldErrorsOf(parsed.error));
  // the services parse the body again with their own schemas: they get it as sent
  return value as Record<string, unknown>;
}

/**
 * The Código de Autorización in the path: 11 digits, no spaces or hyphens, else a 400. The check
 * digit is not checked here: legacy SCOP codes have none and are found by exact match; a code that
 * then matches nothing is answered by orderNotFound (lib/orders/transition.ts): 400 when it fails
 * the check digit, 404 otherwise.
 */
export function pathCode(raw: string): string {
  if (/^\d{11}$/.test(raw)) return raw;
  throw invalidData({ code: ["El Código de Autorización en la ruta debe tener 11 dígitos, sin espacios ni guiones."] });
}
