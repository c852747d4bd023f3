import { toBase64 } from "@/lib/log/bytes";
import { IMMUTABLE, publicJson, publicRoute, treeNumber } from "@/lib/log/http";
import { hasher } from "@/lib/log/node-crypto";
import { leafAt } from "@/lib/log/proofs";
import { ApiProblem } from "@/lib/api/problem";
import { database } from "@/lib/next/context";

export const dynamic = "force-dynamic";

/** GET: the bytes of one leaf (a salted commitment: it reveals nothing of the movement by itself). */
export async function GET(_request: Request, { params }: { params: Promise<{ index: string }> }) {
  return publicRoute(async () => {
    const parsed = treeNumber.safeParse((await params).index);
    if (!parsed.success) throw new ApiProblem(400, "DATOS_INVALIDOS", "El índice de la hoja debe ser un número entero.");
    const leaf = await leafAt(database().sql, parsed.data);
    return publicJson({ index: parsed.data, leaf: toBase64(leaf), leafHash: toBase64(hasher.leaf(leaf)) }, IMMUTABLE);
  });
}
