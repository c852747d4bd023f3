/**
 * Part of `npm run build`, after `next build` and before the Brotli copies: V8's compile hint on
 * the scripts every page starts with (lib/http/compile-hints.ts says why).
 */
import path from "node:path";
import { addCompileHints } from "@/lib/http/compile-hints";

const buildDir = path.resolve(import.meta.dirname, "..", ".next");
const { scripts, added } = addCompileHints(buildDir);
console.log(`Compilación anticipada (V8): ${scripts.length} scripts de inicio, ${added} marcados ahora.`);
