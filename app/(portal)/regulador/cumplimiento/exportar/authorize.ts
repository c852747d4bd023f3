import { currentUser } from "@/lib/next/session";
import { parseComplianceParams } from "@/lib/regulator/compliance/request";
import type { ComplianceParams } from "@/lib/regulator/compliance/parameters";

/**
 * What both export routes check before producing anything: a session, the regulator's or the
 * administrator's role, and valid parameters. Returns the error response, or the parameters.
 */
export async function authorizeExport(request: Request, now: Date): Promise<Response | ComplianceParams> {
  const user = await currentUser();
  if (!user) return new Response("Su sesión terminó. Ingrese nuevamente.", { status: 401 });
  if (user.role !== "REGULADOR" && user.role !== "ADMINISTRADOR") return new Response("No autorizado.", { status: 403 });
  const parsed = parseComplianceParams(Object.fromEntries(new URL(request.url).searchParams), now);
  if (!parsed.ok) return new Response(`Revise los parámetros: ${Object.values(parsed.errors).flat().join(" ")}`, { status: 400 });
  return parsed.params;
}
