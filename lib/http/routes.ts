/**
 * The route template a path belongs to (`/ordenes/[code]`, not `/ordenes/54460617869`), for the
 * access log and the HTTP metrics: the front door sees every request before Next.js does, and a
 * metric labelled by raw path would grow a series per order. The templates and their regular
 * expressions are Next.js's own, from the build's routes manifest.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";

interface ManifestRoute {
  page: string;
  regex: string;
}

export interface RoutesManifest {
  staticRoutes: ManifestRoute[];
  dynamicRoutes: ManifestRoute[];
}

/** The label of a path that is no route, static asset or public file: a 404. */
export const UNMATCHED = "(sin ruta)";

export type RouteOf = (pathname: string) => string;

export function routeMatcher(manifest: RoutesManifest, publicFiles: readonly string[] = []): RouteOf {
  const statics = new Map<string, string>();
  const staticPatterns = manifest.staticRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  const dynamics = manifest.dynamicRoutes.map((route) => ({ page: route.page, regex: new RegExp(route.regex) }));
  const files = new Set(publicFiles);
  return (pathname) => {
    if (pathname.startsWith("/_next/static/")) return "/_next/static";
    if (pathname.startsWith("/_next/")) return pathname.startsWith("/_next/image") ? "/_next/image" : "/_next";
    if (files.has(pathname)) return pathname;
    const known = statics.get(pathname);
    if (known) return known;
    // Next.js tries the static routes first, then the dynamic ones in the manifest's order.
    for (const route of staticPatterns) {
      if (route.regex.test(pathname)) {
        if (statics.size < 10_000) statics.set(pathname, route.page);
        return route.page;
      }
    }
    for (const route of dynamics) if (route.regex.test(pathname)) return route.page;
    return UNMATCHED;
  };
}

/** The matcher of the build in `dir` (.next/routes-manifest.json and the files in public/). */
export function loadRouteMatcher(dir: string): RouteOf {
  const manifest = JSON.parse(readFileSync(path.join(dir, ".next/routes-manifest.json"), "utf8")) as RoutesManifest;
  const publicDir = path.join(dir, "public");
  const publicFiles = existsSync(publicDir)
    ? readdirSync(publicDir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `/${path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`)
    : [];
  return routeMatcher(manifest, publicFiles);
}
