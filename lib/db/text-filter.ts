import type { Prisma } from "@/lib/generated/sqlite/client";
import type { Engine } from "./engine";

/**
 * "Contains", ignoring case, as a person searching for a name expects, on both engines. SQLite's
 * LIKE already ignores (ASCII) case; PostgreSQL's does not, and Prisma turns it into ILIKE with
 * `mode: "insensitive"`, an option of the PostgreSQL client only (the SQLite-typed client the
 * app is written against does not declare it, hence the cast).
 */
export function containsIgnoringCase(engine: Engine, text: string): Prisma.StringFilter {
  return engine === "postgresql" ? ({ contains: text, mode: "insensitive" } as Prisma.StringFilter) : { contains: text };
}

/** The same test in plain SQL: the LIKE operator that ignores case on `engine`. */
export const likeIgnoringCase = (engine: Engine) => (engine === "postgresql" ? "ILIKE" : "LIKE");
