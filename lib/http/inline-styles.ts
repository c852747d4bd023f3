/**
 * The build's stylesheets travel inside each page's HTML (next.config.ts, `inlineCss`), but React
 * writes that <style> without the request's nonce, so the page's policy allows them by their
 * SHA-256 instead (CSP Level 3 hash sources): exactly these files' contents and nothing else.
 * The front door (server.ts) hashes them once at start-up and leaves the list on globalThis,
 * where proxy.ts, which Next.js runs in the same process, reads it for every page's policy.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const KEY = Symbol.for("scop.inlineStyleHashes");

/** `'sha256-…'` of each stylesheet under `staticDir` (.next/static). */
export function styleHashesOf(staticDir: string): string[] {
  let entries;
  try {
    entries = readdirSync(staticDir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(".css"))
    .map((entry) => `'sha256-${createHash("sha256").update(readFileSync(path.join(entry.parentPath, entry.name))).digest("base64")}'`)
    .sort();
}

/** Called by the front door before it serves. */
export function publishInlineStyleHashes(hashes: string[]): void {
  (globalThis as Record<symbol, unknown>)[KEY] = Object.freeze([...hashes]);
}

/** The hashes the front door published; none under `next dev`, which does not inline styles. */
export function inlineStyleHashes(): readonly string[] {
  return ((globalThis as Record<symbol, unknown>)[KEY] as readonly string[] | undefined) ?? [];
}
