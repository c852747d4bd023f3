import { ApiProblem } from "@/lib/api/problem";
import { publicJson, publicRoute } from "@/lib/log/http";
import { database } from "@/lib/next/context";
import { PUBLIC_ANSWER_CACHE, assertWithinLimit } from "@/lib/verification/http";
import { cachedAnswer } from "@/lib/verification/public-limits";
import { lookUpCode, normalizeCode } from "@/lib/verification/public-lookup";

export const dynamic = "force-dynamic";

/**
 * GET: public verification of a Código de Autorización — state, Lima dates of its movements, the
 * parties' names and registry status, and the evidence that it is in the signed log. No session;
 * limited per client address.
 */
export async function GET(request: Request, { params }: { params: Promise<{ code: string }> }) {
  return publicRoute(async () => {
    const code = normalizeCode(decodeURIComponent((await params).code));
    if (!code) throw new ApiProblem(400, "DATOS_INVALIDOS", "El Código de Autorización tiene 11 dígitos (los códigos del SCOP anterior, solo dígitos).");
    await assertWithinLimit(database(), request);
    const answer = await cachedAnswer(`codigo:${code}`, () => lookUpCode(database().sql, code));
    return publicJson(answer, PUBLIC_ANSWER_CACHE);
  });
}
