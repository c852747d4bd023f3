/**
 * Reading a compliance report's parameters from a URL's search parameters, as the page and the
 * export routes both do.
 */
import { limaDay } from "@/lib/time";
import { fieldErrorsOf } from "@/lib/validation";
import type { FieldErrors } from "@/lib/errors";
import { complianceParamsSchema, type ComplianceParams } from "./parameters";

export function parseComplianceParams(
  search: Record<string, string | undefined>,
  now: Date,
): { ok: true; params: ComplianceParams } | { ok: false; errors: FieldErrors } {
  const parsed = complianceParamsSchema(limaDay(now)).safeParse(search);
  return parsed.success ? { ok: true, params: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}
