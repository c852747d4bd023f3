import { textResponse } from "@/lib/next/route";
import { parseComplianceParams } from "@/lib/regulator/compliance/request";
import type { ComplianceParams } from "@/lib/regulator/compliance/parameters";

/**
 * The report's parameters from the export's query (the session and the role are checked by
 * routeHandler before this): the parameters, or the 400 to answer.
 */
export function exportParams(request: Request, now: Date): Response | ComplianceParams {
  const parsed = parseComplianceParams(Object.fromEntries(new URL(request.url).searchParams), now);
  if (!parsed.ok) return textResponse(400, `Revise los parámetros: ${Object.values(parsed.errors).flat().join(" ")}`);
  return parsed.params;
}
