import { inclusionQuerySchema } from "@/lib/log/api-schemas";
import { toBase64 } from "@/lib/log/bytes";
import { IMMUTABLE, parseQuery, publicJson, publicRoute } from "@/lib/log/http";
import { inclusionProofAt } from "@/lib/log/proofs";
import { database } from "@/lib/next/context";

export const dynamic = "force-dynamic";

/** GET ?index=I&size=N: the inclusion proof of leaf I in the signed tree of N leaves (RFC 9162). */
export async function GET(request: Request) {
  return publicRoute(async () => {
    const { index, size } = parseQuery(inclusionQuerySchema, request.url);
    const proof = await inclusionProofAt(database().sql, index, size);
    return publicJson({ index, treeSize: size, proof: proof.map(toBase64) }, IMMUTABLE);
  });
}
