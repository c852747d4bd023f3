/** The public verification endpoints' shared steps: the client's address, the limit, the answer. */
import { ApiProblem } from "@/lib/api/problem";
import type { Database } from "@/lib/db/database";
import { consumePublicLookup } from "./public-limits";

/** The address the front door (server.ts) decided: the single X-Forwarded-For value it sets. */
export function clientAddressOf(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "desconocida";
}

export async function assertWithinLimit(db: Pick<Database, "pgPool">, request: Request): Promise<void> {
  const wait = await consumePublicLookup(db, clientAddressOf(request));
  if (wait !== null) {
    throw new ApiProblem(
      429,
      "DEMASIADAS_CONSULTAS",
      `Demasiadas consultas desde su conexión. Intente de nuevo en ${wait} segundos.`,
      undefined,
      { "Retry-After": String(wait) },
    );
  }
}

/** Answers change when an order moves: shared caches may keep them a few seconds. */
export const PUBLIC_ANSWER_CACHE = "public, max-age=10";
