import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { secret } from "@/lib/config";

/**
 * First line only: a request without a session cookie goes to sign-in. Every page and server
 * action still checks the session, role and ownership itself (lib/next/session.ts).
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: secret("NEXTAUTH_SECRET") });
  if (token) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/ingresar";
  // Back to where the user was going after signing in (e.g. a constancia's QR code).
  url.search = `?next=${encodeURIComponent(request.nextUrl.pathname + request.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but sign-in, contact, the auth API, the HTTP API (it authenticates its own keys)
  // and its reference, the load balancer's health and readiness checks, the metrics (they check
  // their own token), the movement log's public endpoints and the public verification page with
  // its API (no session, by design: lib/verification), Next's assets and static files.
  matcher: [
    "/((?!ingresar|contacto|no-autorizado|verificar|api/auth|api/v1|api/health|api/ready|api/metrics|api/log|api/verificacion|api-docs|_next/|favicon\\.ico|.*\\.(?:png|svg|ico|css|js|woff2?)$).*)",
  ],
};
