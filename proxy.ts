import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { ANYONE, routeOf } from "@/lib/auth/permissions";
import { secret } from "@/lib/config";
import { newNonce, pageCsp } from "@/lib/http/content-security-policy";

/**
 * Every page request: its Content-Security-Policy with a fresh nonce (Next.js reads the nonce
 * from the request's policy header and puts it on its scripts), and, first line only, a request
 * to a page that needs a session without one goes to sign-in. Every page, server action and route
 * handler still checks the session, role and ownership itself (lib/next/session.ts, the
 * permission table lib/auth/permissions.ts).
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = pageCsp(nonce, { development: process.env.NODE_ENV === "development", https: request.nextUrl.protocol === "https:" });
  const route = routeOf(request.nextUrl.pathname);
  const needsSession = route !== null && route.rule.kind !== "api" && !(route.rule.kind === "page" && route.rule.access === ANYONE);
  if (needsSession && !(await getToken({ req: request, secret: secret("NEXTAUTH_SECRET") }))) {
    const url = request.nextUrl.clone();
    url.pathname = "/ingresar";
    // Back to where the user was going after signing in (e.g. a constancia's QR code).
    url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
    const redirect = NextResponse.redirect(url);
    redirect.headers.set("Content-Security-Policy", csp);
    return redirect;
  }
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  // Every page and route handler of the screens; not the HTTP API (it authenticates its own keys
  // and gets a strict policy from the front door), Next's assets or static files.
  matcher: ["/((?!api/|_next/|favicon\\.ico|.*\\.(?:png|svg|ico|css|js|woff2?|csv|ttf)$).*)"],
};
