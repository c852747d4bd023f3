import { database } from "@/lib/next/context";
import { log } from "@/lib/observability/log";
import { checkReadiness, readinessBody } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness for the load balancer: 200 when this instance's database answers and is migrated for
 * this build, 503 otherwise (and while the server shuts down). Liveness is /api/health, which
 * touches nothing: a database outage takes instances out of rotation without restarting them.
 */
export async function GET() {
  const readiness = await checkReadiness(database());
  if (!readiness.ready) log("readiness").warn({ checks: readiness.checks }, "instancia no lista");
  return Response.json(readinessBody(readiness), { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
