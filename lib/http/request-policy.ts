/**
 * What the front door (server.ts) answers itself, before Next.js, because Next.js cannot: a
 * malformed percent escape in the path (Next.js answers 500), a method the route does not answer
 * (Next.js answers TRACE with 500 on every route and a bare 405 without `Allow` elsewhere, and
 * advertises in OPTIONS whatever a route file exports), and the security headers every response
 * carries. The routes and their methods come from the permission table (lib/auth/permissions.ts).
 */
import { methodNotAllowedBody, problemBody, PROBLEM_CONTENT_TYPE } from "@/lib/api/problem";
import { allowedMethods, routeOf } from "@/lib/auth/permissions";

export interface EarlyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The policy of whatever the front door answers itself: it is never a page. */
export const STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The headers of every response, pages and API alike (the pages' CSP, with its nonce, is proxy.ts's). */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // HSTS only means something over HTTPS (RFC 6797 §7.2: a host must not send it over HTTP)
    ...(https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

function problem(body: ReturnType<typeof problemBody>, headers: Record<string, string> = {}): EarlyAnswer {
  return {
    status: body.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, "Cache-Control": "no-store", "Content-Security-Policy": STRICT_CSP, ...headers },
    body: JSON.stringify(body),
  };
}

function text(status: number, body: string, headers: Record<string, string> = {}): EarlyAnswer {
  return { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": STRICT_CSP, ...headers }, body };
}

const isApi = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

/** Next.js's own files (scripts, styles): read only. */
const FRAMEWORK_FILES = /^\/_next\//;

/**
 * The front door's own answer to this request, or null to hand it to Next.js. `publicFile` tells
 * whether a path is a file of public/ (served by Next.js for GET and HEAD only).
 */
export function earlyAnswer(method: string, rawUrl: string, publicFile: (pathname: string) => boolean): EarlyAnswer | null {
  const pathname = rawUrl.split("?")[0].split("#")[0] || "/";
  const api = isApi(pathname);
  try {
    decodeURIComponent(pathname);
  } catch {
    return api
      ? problem(problemBody(400, "RUTA_MALFORMADA", "La ruta tiene un escape «%» inválido: codifique «%» como «%25»."))
      : text(400, "Solicitud incorrecta: la dirección tiene un escape «%» inválido.");
  }

  const route = routeOf(pathname);
  // Next.js's error pages are not addresses (asked for directly, the global error page answers 500)
  if (route?.rule.kind === "page" && route.rule.internal) return text(404, "No encontrado.");
  const methods = route ? allowedMethods(route.rule) : FRAMEWORK_FILES.test(pathname) || publicFile(pathname) ? ["GET", "HEAD", "OPTIONS"] : null;
  if (!methods) {
    // no such route: Next.js answers GET and HEAD with its 404 page; other methods get a plain 404
    if (method === "GET" || method === "HEAD") return null;
    return api
      ? problem(problemBody(404, "RUTA_NO_ENCONTRADA", "No existe esa ruta en la API v1. Consulte /api/v1/openapi.json."))
      : text(404, "No encontrado.");
  }
  const allow = methods.join(", ");
  if (method === "OPTIONS") return { status: 204, headers: { Allow: allow, "Cache-Control": "no-store", "Content-Security-Policy": STRICT_CSP }, body: "" };
  if (methods.includes(method)) return null;
  return api
    ? problem(methodNotAllowedBody(allow), { Allow: allow })
    : text(405, `Método no permitido: esta dirección admite ${allow}.`, { Allow: allow });
}
