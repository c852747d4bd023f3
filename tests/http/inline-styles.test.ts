/**
 * The build's stylesheet, inlined in each page's HTML, is allowed by the page's policy by its
 * SHA-256 (lib/http/inline-styles.ts); tests/e2e/hardening.spec.ts shows a browser applying it.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pageCsp } from "@/lib/http/content-security-policy";
import { inlineStyleHashes, publishInlineStyleHashes, styleHashesOf } from "@/lib/http/inline-styles";

const dir = mkdtempSync(path.join(tmpdir(), "scop-styles-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the inlined stylesheet's hash in the page policy", () => {
  it("hashes each stylesheet of the build, and nothing else", () => {
    mkdirSync(path.join(dir, "chunks"), { recursive: true });
    const css = "body{color:#0f172a}\n";
    writeFileSync(path.join(dir, "chunks", "a.css"), css);
    writeFileSync(path.join(dir, "chunks", "a.js"), "console.log(1)");
    writeFileSync(path.join(dir, "chunks", "a.css.br"), "no");
    const expected = `'sha256-${createHash("sha256").update(css).digest("base64")}'`;
    expect(styleHashesOf(dir)).toEqual([expected]);
    expect(styleHashesOf(path.join(dir, "no-existe"))).toEqual([]);
  });

  it("the policy allows the nonce and the published hashes, never 'unsafe-inline'", () => {
    publishInlineStyleHashes(["'sha256-abc='"]);
    const csp = pageCsp("n0nce", { development: false, https: false, styleHashes: inlineStyleHashes() });
    const styleSrc = csp.split("; ").find((directive) => directive.startsWith("style-src "));
    expect(styleSrc).toBe("style-src 'self' 'nonce-n0nce' 'sha256-abc='");
    expect(pageCsp("n0nce", { development: false, https: false })).toContain("style-src 'self' 'nonce-n0nce'; ");
  });
});
