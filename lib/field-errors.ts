import type { FieldErrors } from "@/lib/errors";

/** What fieldErrorsOf reads of a zod error (structurally, so the browser can use it without zod). */
export interface IssueList {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

/** Field errors keyed by dotted path ("lots.0.volume"), as the screens and the API show them. */
export function fieldErrorsOf(error: IssueList): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join(".") : "_form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}
