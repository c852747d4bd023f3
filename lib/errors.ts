/**
 * Expected failures of the domain: a stable code for machines, a Spanish message for people,
 * and a kind that the screens and the HTTP API map to their own responses. Anything else thrown
 * is a bug: logged, and shown to the user only as a generic message.
 */
export type ErrorKind =
  | "invalid" // bad input: 400
  | "forbidden" // the actor's role may not do this: 403
  | "not_found" // absent, or someone else's: 404
  | "conflict" // the state no longer allows it, or a race was lost: 409
  | "rule"; // a regulatory rule refuses it (capacity, registry, insurance): 422

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(kind: ErrorKind, code: string, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "DomainError";
    this.kind = kind;
    this.code = code;
    this.fieldErrors = fieldErrors;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;

export const GENERIC_ERROR_MESSAGE =
  "Ocurrió un error inesperado. Intente nuevamente; si persiste, comuníquese con el Centro de Control SCOP.";
