import { logSigner } from "@/lib/log/keys";
import { publicBytes, publicRoute } from "@/lib/log/http";

export const dynamic = "force-dynamic";

/** GET: the log's verifier key (C2SP signed-note vkey), text/plain. Compare it with the published one. */
export async function GET() {
  return publicRoute(async () => publicBytes(`${logSigner().vkey}\n`, "text/plain; charset=utf-8", "public, max-age=3600"));
}
