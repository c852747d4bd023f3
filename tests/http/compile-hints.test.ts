/**
 * V8's compile hint on the build's start-up scripts (lib/http/compile-hints.ts); the e2e suite
 * checks the real build's scripts as the server sends them (hardening.spec.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addCompileHints, COMPILE_HINT, startUpScripts } from "@/lib/http/compile-hints";

let buildDir: string;
const chunk = (name: string) => path.join(buildDir, "static", "chunks", name);
const react = "(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push([1,(e)=>{}]);";

beforeEach(() => {
  buildDir = mkdtempSync(path.join(tmpdir(), "scop-build-"));
  mkdirSync(path.join(buildDir, "static", "chunks"), { recursive: true });
  writeFileSync(chunk("root1.js"), react);
  writeFileSync(chunk("root2.js"), "console.log(2);");
  writeFileSync(chunk("page.js"), "console.log('página');");
  writeFileSync(
    path.join(buildDir, "build-manifest.json"),
    JSON.stringify({ rootMainFiles: ["static/chunks/root1.js", "static/chunks/root2.js"], polyfillFiles: ["static/chunks/page.js"] }),
  );
});
afterEach(() => rmSync(buildDir, { recursive: true, force: true }));

describe("compile hints", () => {
  it("marks each start-up script on its first line and leaves the other chunks alone", () => {
    expect(addCompileHints(buildDir)).toEqual({ scripts: ["static/chunks/root1.js", "static/chunks/root2.js"], added: 2 });
    expect(readFileSync(chunk("root1.js"), "utf8")).toBe(COMPILE_HINT + react);
    expect(readFileSync(chunk("root2.js"), "utf8").split("\n")[0]).toBe("//# allFunctionsCalledOnLoad");
    expect(readFileSync(chunk("page.js"), "utf8")).toBe("console.log('página');");
  });

  it("a second build step changes nothing (the hint is not repeated)", () => {
    addCompileHints(buildDir);
    expect(addCompileHints(buildDir).added).toBe(0);
    expect(readFileSync(chunk("root1.js"), "utf8")).toBe(COMPILE_HINT + react);
  });

  it("without a build, or with a manifest that lists no start-up scripts, it says so and writes nothing", () => {
    rmSync(path.join(buildDir, "build-manifest.json"));
    expect(() => addCompileHints(buildDir)).toThrow(/ejecute `next build` primero/);
    writeFileSync(path.join(buildDir, "build-manifest.json"), JSON.stringify({ rootMainFiles: [] }));
    expect(() => startUpScripts(buildDir)).toThrow(/no lista los scripts de inicio/);
    writeFileSync(path.join(buildDir, "build-manifest.json"), JSON.stringify({ rootMainFiles: ["../../etc/passwd"] }));
    expect(() => addCompileHints(buildDir)).toThrow(/no lista los scripts de inicio/);
    expect(readFileSync(chunk("root1.js"), "utf8")).toBe(react);
  });
});
