import "server-only";
/**
 * Route handlers of the screens (the constancia, the exports): one path, as runAction is for
 * server actions — session, pending step, the role from the permission table
 * (lib/auth/permissions.ts), then the work; refusals as short Spanish text, domain errors with
 * their status, anything unexpected logged and answered with a generic 500.
 */
import { ANYONE, ROUTES, allows, type HandlerPath, type HandlerRule, type Method } from "@/lib/auth/permissions";
import { GENERIC_ERROR_MESSAGE, isDomainError, type ErrorKind } from "@/lib/errors";
import { ACCOUNT_PENDING, NOT_AUTHORIZED, NOT_SIGNED_IN } from "./action";
import { currentUser, pendingStep, type SignedInUser } from "./session";

export interface RouteCall<P> {
  request: Request;
  user: SignedInUser;
  params: P;
}

const STATUS_BY_KIND: Record<ErrorKind, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, rule: 422 };

export function textResponse(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers } });
}

/** The handler of `method` on the route `path` of the permission table. */
export function routeHandler<P extends Record<string, string> = Record<string, never>>(
  path: HandlerPath,
  method: Method,
  work: (call: RouteCall<P>) => Promise<Response>,
) {
  const access = (ROUTES[path] as HandlerRule).methods[method];
  if (!access || access === ANYONE) throw new Error(`${method} ${path} no figura en la tabla de permisos como ruta con sesión`);
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const user = await currentUser();
      if (!user) return textResponse(401, NOT_SIGNED_IN);
      const pending = pendingStep(user) !== null;
      if (!allows(access, { role: user.role, pending })) return textResponse(403, pending ? ACCOUNT_PENDING : NOT_AUTHORIZED);
      return await work({ request, user, params: (await context.params) ?? ({} as P) });
    } catch (error) {
      if (isDomainError(error)) return textResponse(STATUS_BY_KIND[error.kind], error.message);
      console.error("[scop] route handler failed", method, path, error);
      return textResponse(500, GENERIC_ERROR_MESSAGE);
    }
  };
}
