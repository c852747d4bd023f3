/**
 * Where to go after signing in (`/ingresar?next=…`): a path of this site only. The value is
 * parsed with the WHATWG URL parser against a placeholder origin — the parser browsers use, so
 * whatever they would make of it (tabs and newlines dropped, `\` read as `/`, `//host`) is what
 * is judged — and anything that leaves the origin becomes "/". Defect 1 of issue 14:
 * `/%09/evil.example` passed a prefix check and the browser, dropping the tab, went off-site.
 */
const PLACEHOLDER_ORIGIN = "https://portal.invalid";

export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || next === "") return "/";
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
