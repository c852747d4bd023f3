/**
 * The front door's Brotli copies of the build's scripts and styles (lib/http/precompressed.ts);
 * the e2e suite's browser receives them from the running server.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { acceptsBrotli, loadPrecompressed, precompressedAnswer } from "@/lib/http/precompressed";

const dir = mkdtempSync(path.join(tmpdir(), "scop-static-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(path.join(dir, "chunks"), { recursive: true });
const script = "console.log('SCOP GLP');".repeat(50);
writeFileSync(path.join(dir, "chunks", "a1.js"), script);
writeFileSync(path.join(dir, "chunks", "a1.js.br"), brotliCompressSync(script));
writeFileSync(path.join(dir, "chunks", "s1.css.br"), brotliCompressSync("body{color:red}"));
writeFileSync(path.join(dir, "chunks", "x.txt.br"), brotliCompressSync("no"));
writeFileSync(path.join(dir, "chunks", "b2.js"), "sin copia");
const files = loadPrecompressed(dir);

describe("Accept-Encoding", () => {
  it.each([
    ["gzip, deflate, br, zstd", true],
    ["br;q=0.5", true],
    ["BR", true],
    ["gzip, *", true],
    ["gzip, deflate", false],
    ["br;q=0, *", false],
    ["*;q=0", false],
    ["", false],
  ])("%j → %s", (header, expected) => expect(acceptsBrotli(header)).toBe(expected));
  it("reads a header given twice", () => expect(acceptsBrotli(["gzip", "br"])).toBe(true));
  it("no header: the identity only", () => expect(acceptsBrotli(undefined)).toBe(false));
});

describe("the Brotli copies of .next/static", () => {
  it("finds the copies of scripts and styles, by the address the browser asks for", () => {
    expect([...files.keys()].sort()).toEqual(["/_next/static/chunks/a1.js", "/_next/static/chunks/s1.css"]);
  });

  it("answers a GET with the copy and the headers a browser needs to use it", () => {
    const answer = precompressedAnswer(files, "GET", "/_next/static/chunks/a1.js", "gzip, br");
    expect(answer?.headers).toMatchObject({
      "Content-Type": "application/javascript; charset=UTF-8",
      "Content-Encoding": "br",
      "Cache-Control": "public, max-age=31536000, immutable",
      Vary: "Accept-Encoding",
    });
    const body = readFileSync(answer!.file!);
    expect(Number(answer!.headers["Content-Length"])).toBe(body.length);
    expect(brotliDecompressSync(body).toString()).toBe(script);
    expect(precompressedAnswer(files, "GET", "/_next/static/chunks/s1.css?dpl=1", "br")?.headers["Content-Type"]).toBe("text/css; charset=UTF-8");
  });

  it("a HEAD gets the headers without a body", () => {
    const answer = precompressedAnswer(files, "HEAD", "/_next/static/chunks/a1.js", "br");
    expect(answer?.file).toBeNull();
    expect(answer?.headers["Content-Encoding"]).toBe("br");
  });

  it("hands everything else to Next.js", () => {
    expect(precompressedAnswer(files, "GET", "/_next/static/chunks/a1.js", "gzip")).toBeNull();
    expect(precompressedAnswer(files, "POST", "/_next/static/chunks/a1.js", "br")).toBeNull();
    expect(precompressedAnswer(files, "GET", "/_next/static/chunks/b2.js", "br")).toBeNull();
    expect(precompressedAnswer(files, "GET", "/_next/static/chunks/x.txt", "br")).toBeNull();
    expect(precompressedAnswer(files, "GET", "/_next/static/chunks/../chunks/a1.js", "br")).toBeNull();
    expect(precompressedAnswer(files, "GET", "/_next/static/chunks/a1.js.br", "br")).toBeNull();
  });

  it("a build without copies serves as before", () => {
    expect(loadPrecompressed(path.join(dir, "no-existe")).size).toBe(0);
  });
});
