/**
 * Signing in over plain HTTP, as a browser's form does (next-auth's CSRF token, then the
 * credentials callback), with any headers a hostile client may add. For the tests that need
 * many sessions, or headers a browser would not send.
 */
import { generate } from "otplib";
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from "./support";

export interface HttpSignIn {
  /** the cookie header of the new session, or null */
  cookie: string | null;
  /** next-auth's error (CredentialsSignin, OTP_REQUIRED, OTP_INVALID, LOCKED:<s>), or null */
  error: string | null;
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((line) => line.split(";")[0]);

export async function signInOverHttp(
  baseUrl: string,
  username: string,
  options: { password?: string; otp?: string | "totp"; headers?: Record<string, string> } = {},
): Promise<HttpSignIn> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers: options.headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const otp = options.otp === "totp" ? await generate({ secret: DEMO_TOTP_SECRET }) : (options.otp ?? "");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...options.headers, "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, username, password: options.password ?? DEMO_PASSWORD, otp, json: "true" }),
  });
  const session = cookiesOf(response).find((entry) => entry.includes("session-token="));
  if (session) return { cookie: session, error: null };
  const { url } = (await response.json().catch(() => ({ url: "" }))) as { url?: string };
  return { cookie: null, error: url ? new URL(url, baseUrl).searchParams.get("error") : `HTTP ${response.status}` };
}

/** Where a page request ends up without following redirects: its own path when it renders. */
export async function landing(baseUrl: string, path: string, cookie: string | null): Promise<{ status: number; location: string | null; body: string }> {
  const response = await fetch(baseUrl + path, { redirect: "manual", headers: cookie ? { cookie } : {} });
  const body = await response.text();
  return { status: response.status, location: response.headers.get("location"), body };
}
