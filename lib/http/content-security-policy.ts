/**
 * The Content-Security-Policy of the portal's pages (proxy.ts sets it on each request): scripts
 * only with the request's nonce (Next.js puts it on its own scripts) and those they load
 * ('strict-dynamic'), never inline scripts without it nor eval; styles from the portal or with
 * the nonce, and style attributes (React's `style`, the charts' SVG); nothing may frame a page.
 */
export function pageCsp(nonce: string, options: { development: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** 128 random bits, base64: a fresh nonce per request. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
