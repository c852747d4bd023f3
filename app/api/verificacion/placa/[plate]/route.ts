import { ApiProblem } from "@/lib/api/problem";
import { publicJson, publicRoute } from "@/lib/log/http";
import { database } from "@/lib/next/context";
import { PUBLIC_ANSWER_CACHE, assertWithinLimit } from "@/lib/verification/http";
import { cachedAnswer } from "@/lib/verification/public-limits";
import { lookUpPlate } from "@/lib/verification/public-lookup";
import { trucksRegistry, normalizePlate } from "@/lib/verification/truck-registry";

export const dynamic = "force-dynamic";

/** GET: public check of a tank truck's plate — registered and VIGENTE?, and its open lot sold or dispatched today. */
export async function GET(request: Request, { params }: { params: Promise<{ plate: string }> }) {
  return publicRoute(async () => {
    const plate = normalizePlate(decodeURIComponent((await params).plate));
    if (!plate) throw new ApiProblem(400, "DATOS_INVALIDOS", "La placa debe tener el formato ABC-123.");
    await assertWithinLimit(database(), request);
    const answer = await cachedAnswer(`placa:${plate}`, () => lookUpPlate(database().sql, trucksRegistry, plate, new Date()));
    return publicJson(answer, PUBLIC_ANSWER_CACHE);
  });
}
