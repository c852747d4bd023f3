/**
 * Brotli copies of Next.js's build files (scripts and styles under .next/static/), made once by
 * `npm run build` (scripts/compress-static.ts) and sent by the front door (server.ts) to browsers
 * that accept `br`. Next.js compresses on the fly with gzip only; Brotli at its highest quality
 * makes the same JavaScript about 15 % smaller, which on a phone's mobile network is time before
 * the page works (issue 16's goal: under 150 KiB of JavaScript per page).
 *
 * Only the files found at start-up are served this way: a request names one of them or is handed
 * to Next.js as before, so no path from the request ever reaches the file system.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What is worth compressing ahead: text files of the build. */
export const PRECOMPRESSED_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=UTF-8",
  ".css": "text/css; charset=UTF-8",
};

/** Next.js's build files never change under one name (their names carry a hash of the content). */
const IMMUTABLE = "public, max-age=31536000, immutable";

export interface PrecompressedFile {
  /** the .br file on disk */
  file: string;
  size: number;
  contentType: string;
}

export interface PrecompressedAnswer {
  headers: Record<string, string>;
  /** null for HEAD */
  file: string | null;
}

/**
 * The Brotli copies under `staticDir` (.next/static), by the address the browser asks for
 * (`/_next/static/chunks/abc.js`).
 */
export function loadPrecompressed(staticDir: string): Map<string, PrecompressedFile> {
  const files = new Map<string, PrecompressedFile>();
  let entries;
  try {
    entries = readdirSync(staticDir, { recursive: true, withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".br")) continue;
    const original = entry.name.slice(0, -".br".length);
    const contentType = PRECOMPRESSED_TYPES[path.extname(original)];
    if (!contentType) continue;
    const file = path.join(entry.parentPath, entry.name);
    const relative = path.relative(staticDir, path.join(entry.parentPath, original)).split(path.sep).join("/");
    files.set(`/_next/static/${relative}`, { file, size: statSync(file).size, contentType });
  }
  return files;
}

/**
 * Whether an Accept-Encoding header accepts Brotli (RFC 9110 §12.5.3): `br` or `*` listed
 * without `q=0`.
 */
export function acceptsBrotli(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  let star = false;
  for (const part of value.split(",")) {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (coding.trim() === "br") return accepted;
    if (coding.trim() === "*") star = accepted;
  }
  return star;
}

/**
 * The front door's answer with a Brotli copy, or null to hand the request to Next.js (another
 * method, another file, a browser that does not accept `br`).
 */
export function precompressedAnswer(
  files: ReadonlyMap<string, PrecompressedFile>,
  method: string,
  rawUrl: string,
  acceptEncoding: string | string[] | undefined,
): PrecompressedAnswer | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const found = files.get(rawUrl.split("?")[0]);
  if (!found || !acceptsBrotli(acceptEncoding)) return null;
  return {
    headers: {
      "Content-Type": found.contentType,
      "Content-Encoding": "br",
      "Content-Length": String(found.size),
      "Cache-Control": IMMUTABLE,
      Vary: "Accept-Encoding",
    },
    file: method === "HEAD" ? null : found.file,
  };
}
