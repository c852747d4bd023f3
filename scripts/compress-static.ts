/**
 * Part of `npm run build`: writes a Brotli copy (`name.js.br`) beside each script and style of
 * Next.js's build (.next/static/), at Brotli's highest quality, which is too slow to run per
 * request but costs nothing once at build time. The front door sends these copies to browsers
 * that accept `br` (lib/http/precompressed.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { PRECOMPRESSED_TYPES } from "@/lib/http/precompressed";

const staticDir = path.resolve(import.meta.dirname, "..", ".next", "static");
let files = 0;
let before = 0;
let after = 0;
for (const entry of readdirSync(staticDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !(path.extname(entry.name) in PRECOMPRESSED_TYPES)) continue;
  const file = path.join(entry.parentPath, entry.name);
  const content = readFileSync(file);
  const compressed = brotliCompressSync(content, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  writeFileSync(`${file}.br`, compressed);
  files++;
  before += content.length;
  after += compressed.length;
}
console.log(`Brotli: ${files} archivos de .next/static, ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB.`);
