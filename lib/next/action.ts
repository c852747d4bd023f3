import "server-only";
/** Server actions: one path (session, pending step, role from the permission table, then the work) and one answer shape. */
import { ACCOUNT, ACTIONS, allows, type ActionName } from "@/lib/auth/permissions";
import { GENERIC_ERROR_MESSAGE, isDomainError, type FieldErrors } from "@/lib/errors";
import { log } from "@/lib/observability/log";
import { currentRequest } from "@/lib/observability/request-context";
import { currentUser, pendingStep, type SignedInUser } from "./session";

/** What a form's server action answers: success with data, or a message and per-field errors. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; message: string; fieldErrors?: FieldErrors };

export const NOT_SIGNED_IN = "Su sesión terminó. Ingrese nuevamente con su usuario y contraseña.";
export const NOT_AUTHORIZED = "No autorizado: su perfil no permite esta operación.";
export const ACCOUNT_PENDING = "Antes de continuar cambie su contraseña y, si su perfil lo requiere, active el segundo factor.";

/**
 * Runs the server action `name`'s work for a signed-in user whom the permission table
 * (lib/auth/permissions.ts, ACTIONS) lets call it, turning domain refusals into their Spanish
 * message and anything unexpected into a generic one (logged). A user with a pending step may
 * only call the account's own actions (ACCOUNT).
 */
export async function runAction<T>(name: ActionName, work: (user: SignedInUser) => Promise<T>): Promise<ActionResult<T>> {
  const user = await currentUser();
  if (!user) return { ok: false, message: NOT_SIGNED_IN };
  const access = ACTIONS[name];
  const pending = pendingStep(user) !== null;
  if (!allows(access, { role: user.role, pending })) {
    return { ok: false, message: pending && access !== ACCOUNT ? ACCOUNT_PENDING : NOT_AUTHORIZED };
  }
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
