export const dynamic = "force-dynamic";

/**
 * Load balancer health check: the process is up and serving. A constant answer on purpose — it
 * touches no database, so it is also the framework's ceiling in `npm run bench:lifecycle`.
 */
export function GET() {
  return Response.json({ status: "ok" });
}
