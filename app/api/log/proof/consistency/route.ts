import { consistencyQuerySchema } from "@/lib/log/api-schemas";
import { toBase64 } from "@/lib/log/bytes";
import { IMMUTABLE, parseQuery, publicJson, publicRoute } from "@/lib/log/http";
import { consistencyProofBetween } from "@/lib/log/proofs";
import { database } from "@/lib/next/context";

export const dynamic = "force-dynamic";

/** GET ?from=M&to=N: the consistency proof between the trees of M and N leaves (RFC 9162). */
export async function GET(request: Request) {
  return publicRoute(async () => {
    const { from, to } = parseQuery(consistencyQuerySchema, request.url);
    const proof = await consistencyProofBetween(database().sql, from, to);
    return publicJson({ from, to, proof: proof.map(toBase64) }, IMMUTABLE);
  });
}
