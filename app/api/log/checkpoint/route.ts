import { SHORT, publicBytes, publicRoute } from "@/lib/log/http";
import { latestCheckpoint } from "@/lib/log/store";
import { DomainError } from "@/lib/errors";
import { database } from "@/lib/next/context";

export const dynamic = "force-dynamic";

/** GET: the latest signed checkpoint (C2SP tlog-checkpoint), text/plain. */
export async function GET() {
  return publicRoute(async () => {
    const checkpoint = await latestCheckpoint(database().sql);
    if (!checkpoint) throw new DomainError("not_found", "REGISTRO_VACIO", "El registro aún no tiene un checkpoint firmado.");
    return publicBytes(checkpoint.note, "text/plain; charset=utf-8", SHORT);
  });
}
