import "server-only";
/** Server actions: one path (session, pending step, role, then the work) and one answer shape. */
import { GENERIC_ERROR_MESSAGE, isDomainError, type FieldErrors } from "@/lib/errors";
import { log } from "@/lib/observability/log";
import { currentRequest } from "@/lib/observability/request-context";
import { currentUser, pendingStep, type SignedInUser } from "./session";
import type { Role } from "@/lib/accounts/roles";

/** What a form's server action answers: success with data, or a message and per-field errors. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

export const NOT_SIGNED_IN = "Su sesión terminó. Ingrese nuevamente con su usuario y contraseña.";
export const NOT_AUTHORIZED = "No autorizado: su perfil no permite esta operación.";
export const ACCOUNT_PENDING = "Antes de continuar cambie su contraseña y, si su perfil lo requiere, active el segundo factor.";

/**
 * Runs a server action's work for a signed-in user of one of `roles`, turning domain refusals
 * into their Spanish message and anything unexpected into a generic one (logged).
 */
export async function runAction<T>(roles: Role[], work: (user: SignedInUser) => Promise<T>): Promise<ActionResult<T>> {
  const user = await currentUser();
  if (!user) return { ok: false, message: NOT_SIGNED_IN };
  if (pendingStep(user)) return { ok: false, message: ACCOUNT_PENDING };
  if (!roles.includes(user.role)) return { ok: false, message: NOT_AUTHORIZED };
  return runFor(user, work);
}

/** The same, for the account's own pending steps (change password, enroll the second factor). */
export async function runAccountAction<T>(work: (user: SignedInUser) => Promise<T>): Promise<ActionResult<T>> {
  const user = await currentUser();
  if (!user) return { ok: false, message: NOT_SIGNED_IN };
  return runFor(user, work);
}

async function runFor<T>(user: SignedInUser, work: (user: SignedInUser) => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work(user) };
  } catch (error) {
    if (isDomainError(error)) return { ok: false, message: error.message, fieldErrors: error.fieldErrors };
    log("action").error({ err: error }, "la acción del servidor falló");
    return { ok: false, message: withReference(GENERIC_ERROR_MESSAGE) };
  }
}

/** The generic message with the request's id, which the user can quote and the log line carries. */
function withReference(message: string): string {
  const requestId = currentRequest()?.requestId;
  return requestId ? `${message} Código de referencia: ${requestId}.` : message;
}
