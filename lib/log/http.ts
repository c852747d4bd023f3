/**
 * The log's public HTTP answers: no session, cacheable, readable from any origin (a witness or
 * auditor's page). What never changes for a given index and size is cached for a year.
 */
import { DomainError, GENERIC_ERROR_MESSAGE } from "@/lib/errors";
import { ApiProblem, fromApiProblem, fromDomainError, jsonResponse, problemBody } from "@/lib/api/problem";
import { z } from "@/lib/validation";

export const IMMUTABLE = "public, max-age=31536000, immutable";
/** the latest checkpoint changes every few seconds (C2SP tlog-tiles: cache it only briefly) */
export const SHORT = "public, max-age=2";

const CORS = { "Access-Control-Allow-Origin": "*" };

export function publicJson(body: unknown, cacheControl: string): Response {
  return jsonResponse(200, body, { "Cache-Control": cacheControl, ...CORS });
}

export function publicBytes(body: Uint8Array | string, contentType: string, cacheControl: string): Response {
  return new Response(typeof body === "string" ? body : Buffer.from(body), {
    headers: { "Content-Type": contentType, "Cache-Control": cacheControl, ...CORS },
  });
}

/** A leaf index or tree size in a query or path. */
export const treeNumber = z.coerce
  .number({ error: "Debe ser un número entero." })
  .int("Debe ser un número entero.")
  .min(0, "No puede ser negativo.")
  .max(Number.MAX_SAFE_INTEGER, "Es demasiado grande.");

export function parseQuery<T extends z.ZodType>(schema: T, url: string): z.infer<T> {
  const params = Object.fromEntries(new URL(url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const errors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (errors[String(issue.path[0] ?? "consulta")] ??= []).push(issue.message);
    throw new ApiProblem(400, "DATOS_INVALIDOS", "Revise los parámetros de la consulta.", errors);
  }
  return parsed.data;
}

/** Runs a public handler: refusals as problem+json, anything else logged and answered as a 500. */
export async function publicRoute(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) return jsonResponse(fromDomainError(error).status, fromDomainError(error), CORS);
    if (error instanceof ApiProblem) return jsonResponse(error.status, fromApiProblem(error), { ...CORS, ...error.headers });
    console.error("[scop] error en un punto público del registro:", error);
    return jsonResponse(500, problemBody(500, "ERROR_INTERNO", GENERIC_ERROR_MESSAGE), CORS);
  }
}
