import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

/** The OpenAPI 3.1 description of /api/v1 (no authentication needed). */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "Access-Control-Allow-Origin": "*" } });
}
