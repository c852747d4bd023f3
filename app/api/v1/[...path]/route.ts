import { jsonResponse, problemBody } from "@/lib/api/problem";

export const dynamic = "force-dynamic";

/** Any path of the API that is not a route: a problem response, like every other error. */
async function notFound() {
  return jsonResponse(404, problemBody(404, "RUTA_NO_ENCONTRADA", "No existe esa ruta en la API v1. Consulte /api/v1/openapi.json."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
