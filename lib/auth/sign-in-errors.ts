/**
 * What authorize() answers besides success, as the `error` of next-auth's signIn() result. A wrong
 * user or password is always next-auth's generic "CredentialsSignin": it never says which.
 */
export const OTP_REQUIRED = "OTP_REQUIRED";
export const OTP_INVALID = "OTP_INVALID";
export const LOCKED_PREFIX = "LOCKED:";

export const SIGN_IN_FAILED_MESSAGE = "Usuario o contraseña incorrectos.";
export const OTP_INVALID_MESSAGE = "El código de verificación no es válido. Ingrese el código actual de su aplicación o un código de recuperación.";

/** The Spanish message of a signIn() error (null when the second factor must be asked). */
export function signInErrorMessage(error: string): string | null {
  if (error === OTP_REQUIRED) return null;
  if (error === OTP_INVALID) return OTP_INVALID_MESSAGE;
  if (error.startsWith(LOCKED_PREFIX)) {
    const minutes = Math.max(1, Math.ceil(Number(error.slice(LOCKED_PREFIX.length)) / 60) || 1);
    return `Demasiados intentos fallidos. Intente nuevamente en ${minutes} ${minutes === 1 ? "minuto" : "minutos"}.`;
  }
  return SIGN_IN_FAILED_MESSAGE;
}
