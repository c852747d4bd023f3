"use client";

/**
 * Signing in and out from the browser through next-auth's own REST endpoints (/api/auth/csrf,
 * /api/auth/callback/credentials, /api/auth/signout), as next-auth/react's signIn() and signOut()
 * do, without that module: it brings about 10 KiB of compressed JavaScript (a regenerator runtime,
 * session polling) to every page, and the portal needs neither. The server side is untouched:
 * the same CSRF double-submit cookie, the same authorize() (lib/next/auth-options.ts).
 */
const BASE = "/api/auth";

async function csrfToken(): Promise<string> {
  const response = await fetch(`${BASE}/csrf`, { cache: "no-store" });
  if (!response.ok) throw new Error(`csrf ${response.status}`);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

async function post(path: string, fields: Record<string, string>): Promise<{ response: Response; url: URL | null }> {
  const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), callbackUrl: window.location.href, json: "true" });
  const response = await fetch(`${BASE}/${path}`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
  const data = (await response.json().catch(() => ({}))) as { url?: string };
  return { response, url: data.url ? new URL(data.url, window.location.href) : null };
}

/** The credentials sign-in: `error` is authorize()'s refusal (lib/auth/sign-in-errors.ts), null on success. Throws when the server cannot be reached. */
export async function signInWithCredentials(fields: Record<string, string>): Promise<{ error: string | null }> {
  const { response, url } = await post("callback/credentials", fields);
  const error = url?.searchParams.get("error") ?? null;
  if (response.ok && !error) return { error: null };
  return { error: error ?? "CredentialsSignin" };
}

/** Ends the session (the cookie is cleared by the server's answer). */
export async function signOut(): Promise<void> {
  await post("signout", {});
}
