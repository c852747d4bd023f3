/**
 * V8's explicit compile hint (https://v8.dev/blog/explicit-compile-hints) on the scripts every page
 * starts with. V8 compiles a script's functions lazily: the first call of each module factory of
 * React and of Next.js's router compiles it on the main thread, in the middle of hydration (about
 * 40 ms of main-thread work on each page load here, before 4× throttling). A script whose first line
 * is the magic comment below has all its functions compiled eagerly, and a streamed script (these
 * are) is compiled off the main thread while it downloads. Browsers without the feature ignore a
 * comment.
 *
 * Only Next.js's start-up scripts (the build manifest's `rootMainFiles`: React, the router, the
 * bundler's runtime) get it: nearly all their functions run on every load, whereas a page's own
 * chunks hold handlers and schemas that may never run, and eager compilation of those would only
 * cost memory.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/** The scripts every page of this build loads at start, as paths under the build folder (.next). */
export function startUpScripts(buildDir: string): string[] {
  const manifestFile = path.join(buildDir, "build-manifest.json");
  if (!existsSync(manifestFile)) throw new Error(`No existe ${manifestFile}: ejecute \`next build\` primero.`);
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { rootMainFiles?: unknown };
  const files = manifest.rootMainFiles;
  if (!Array.isArray(files) || files.length === 0 || !files.every((file) => typeof file === "string" && file.endsWith(".js"))) {
    throw new Error(`${manifestFile} no lista los scripts de inicio (rootMainFiles).`);
  }
  return files as string[];
}

/** Puts the hint on the first line of each start-up script; a script that has it already is left as is. */
export function addCompileHints(buildDir: string): { scripts: string[]; added: number } {
  const scripts = startUpScripts(buildDir);
  let added = 0;
  for (const script of scripts) {
    const file = path.join(buildDir, script);
    const content = readFileSync(file, "utf8");
    if (content.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + content);
    added++;
  }
  return { scripts, added };
}
