import type { Prisma } from "@/lib/generated/sqlite/client";
import { dialectOf, type Engine } from "./engine";

/**
 * "Contains", ignoring case, as a person searching for a name expects, on both engines, as a
 * Prisma filter (engine.ts, Dialect.containsIgnoringCase; in SQL: sql.ts containsIgnoringCase).
 */
export function containsIgnoringCase(engine: Engine, text: string): Prisma.StringFilter {
  return dialectOf(engine).containsIgnoringCase(text);
}
