import commonPasswords from "fxa-common-password-list";
import { COMMON_PASSWORD_MESSAGE, SAME_AS_USERNAME_MESSAGE } from "./password-policy";

/** Firefox Accounts' list of common passwords (case-insensitive), plus the username itself. */
export function passwordProblem(password: string, username?: string): string | null {
  if (commonPasswords.test(password) || commonPasswords.test(password.toLowerCase())) return COMMON_PASSWORD_MESSAGE;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return SAME_AS_USERNAME_MESSAGE;
  return null;
}
