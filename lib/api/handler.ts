import "server-only";
/**
 * The one path every /api/v1 call takes: authenticate the key → rate limit → (POST) check the
 * Idempotency-Key and replay or claim it → parse the JSON body → run the route's work, which calls
 * the same lib/ services as the screens → map refusals to problem details. Nothing unexpected
 * leaks: it is logged and answered with a generic 500.
 */
import { authorizationCodeSchema } from "@/lib/authorization-code/schema";
import type { Database } from "@/lib/db/database";
import { isDomainError } from "@/lib/errors";
import type { OrdersContext } from "@/lib/orders/context";
import { ordersContext } from "@/lib/next/context";
import { fieldErrorsOf } from "@/lib/validation";
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
  /** whether a POST must carry a JSON object (true) or may be empty (false, e.g. annul) */
  bodyRequired?: boolean;
  /** whether a POST or PATCH may carry an Idempotency-Key (true: the work runs on ctx.db, in plain SQL) */
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

/** The same path for a GET route, whose work reads the database (screens' queries through Prisma). */
export function apiRead<P extends Record<string, string> = Record<string, never>>(work: (call: ApiRead<P>) => Promise<ApiResult>) {
  return apiRoute<P>(({ actor, url, params }) => work({ actor, db: ordersContext().db, url, params }));
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
 * The same path for a route whose work writes through Prisma. Such work cannot join the
 * Idempotency-Key's plain-SQL transaction (on SQLite it would wait for the lock that transaction
 * holds), so these routes refuse the header rather than answer without its guarantee.
 */
export function apiManage<P extends Record<string, string> = Record<string, never>>(
  work: (call: ApiManage<P>) => Promise<ApiResult>,
  options: Omit<RouteOptions, "idempotent"> = {},
) {
  return apiRoute<P>(({ actor, url, params, body }) => work({ actor, db: ordersContext().db, url, params, body }), { ...options, idempotent: false });
}

export function apiRoute<P extends Record<string, string> = Record<string, never>>(
  work: (call: ApiCall<P>) => Promise<ApiResult>,
  options: RouteOptions = {},
) {
  return async (request: Request, context: RouteContext<P>): Promise<Response> => {
    try {
      return await handle(request, context, work, options);
    } catch (error) {
      console.error("[scop] API request failed", request.method, new URL(request.url).pathname, error);
      return jsonResponse(500, internalError());
    }
  };
}

async function handle<P extends Record<string, string>>(
  request: Request,
  context: RouteContext<P>,
  work: (call: ApiCall<P>) => Promise<ApiResult>,
  options: RouteOptions,
): Promise<Response> {
  const ctx = ordersContext();
  const actor = await authenticateApiKey(ctx.db, request.headers.get("authorization"));
  if (!actor) {
    return jsonResponse(
      401,
      problemOf(new ApiProblem(401, "NO_AUTENTICADO", "Envíe una clave de API válida y vigente en la cabecera «Authorization: Bearer <clave>».")),
      { "WWW-Authenticate": "Bearer" },
    );
  }
  const retryAfter = await consumeRateLimit(actor.apiKeyId);
  if (retryAfter !== null) {
    return jsonResponse(
      429,
      problemOf(new ApiProblem(429, "DEMASIADAS_SOLICITUDES", `Superó el límite de solicitudes por minuto de su clave. Reintente en ${retryAfter} s.`)),
      { "Retry-After": String(retryAfter) },
    );
  }

  const url = new URL(request.url);
  const params = (await context.params) ?? ({} as P);
  if (request.method === "PUT") {
    // A replacement is idempotent by itself: no Idempotency-Key, but a JSON body.
    const text = await request.text();
    const result = await run(() => work({ actor, ctx, url, params, body: parseBody(text, true) }));
    return jsonResponse(result.status, result.body);
  }
  // POST and PATCH carry a JSON body (and may carry an Idempotency-Key); the rest do not.
  if (request.method !== "POST" && request.method !== "PATCH") {
    const result = await run(() => work({ actor, ctx, url, params, body: {} }));
    return jsonResponse(result.status, result.body);
  }

  let idempotencyKey: string | null;
  try {
    idempotencyKey = idempotencyKeyOf(request);
  } catch (error) {
    return jsonResponse(400, problemOf(error));
  }
  const text = await request.text();
  const execute = (workCtx: OrdersContext) => run(() => work({ actor, ctx: workCtx, url, params, body: parseBody(text, options.bodyRequired ?? true) }));
  if (idempotencyKey !== null && options.idempotent === false) {
    return jsonResponse(
      400,
      problemOf(new ApiProblem(400, "DATOS_INVALIDOS", "Esta operación no admite la cabecera Idempotency-Key: envíe la solicitud sin ella.")),
    );
  }
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
      return { status: problem.status, body: problem };
    }
    console.error("[scop] API work failed", error);
    return { status: 500, body: internalError() };
  }
}

function problemOf(error: unknown): ProblemBody {
  if (error instanceof ApiProblem) return fromApiProblem(error);
  if (isDomainError(error)) return fromDomainError(error);
  throw error;
}

function parseBody(text: string, required: boolean): Record<string, unknown> {
  if (text.trim() === "" && !required) return {};
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
  return value as Record<string, unknown>;
}

/**
 * The Código de Autorización in the path, normalized; a malformed one is a 400. The check digit is
 * not checked here: legacy SCOP codes have none and are found by exact match; a code that then
 * matches nothing is answered by orderNotFound (lib/orders/transition.ts): 400 when it fails the
 * check digit, 404 otherwise.
 */
export function pathCode(raw: string): string {
  const parsed = authorizationCodeSchema.safeParse(raw);
  if (!parsed.success) throw invalidData({ code: fieldErrorsOf(parsed.error)._form ?? ["Código de Autorización no válido."] });
  return parsed.data;
}
