import { ApiProblem } from "@/lib/api/problem";
import { IMMUTABLE, publicBytes, publicRoute } from "@/lib/log/http";
import { tileAt } from "@/lib/log/proofs";
import { parseTilePath } from "@/lib/log/tiles";
import { database } from "@/lib/next/context";

export const dynamic = "force-dynamic";

/** GET tile/<L>/<N>[.p/<W>]: a hash tile as C2SP tlog-tiles serves it (application/octet-stream). */
export async function GET(_request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  return publicRoute(async () => {
    const segments = [...(await params).path];
    let width: number | null = null;
    const last = segments.length >= 2 ? segments[segments.length - 2] : "";
    if (last.endsWith(".p")) {
      width = /^[1-9]\d{0,2}$/.test(segments[segments.length - 1]) ? Number(segments[segments.length - 1]) : NaN;
      segments.splice(-2, 2, last.slice(0, -2));
    }
    const level = /^(0|[1-9]\d?)$/.test(segments[0] ?? "") ? Number(segments[0]) : NaN;
    const index = parseTilePath(segments.slice(1));
    if (Number.isNaN(level) || level > 63 || index === null || Number.isNaN(width)) {
      throw new ApiProblem(400, "DATOS_INVALIDOS", "Ruta de tesela inválida: tile/<nivel>/<índice>[.p/<ancho>] (C2SP tlog-tiles).");
    }
    return publicBytes(await tileAt(database().sql, level, index, width), "application/octet-stream", IMMUTABLE);
  });
}
