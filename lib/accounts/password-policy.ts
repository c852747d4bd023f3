/**
 * The password policy, in two parts: the length rule, shared by the browser forms and the server
 * (zod), and the common-password check, server-only (the list is large; see common-passwords.ts).
 */
import { z } from "@/lib/validation";

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function newPasswordField() {
  return z
    .string({ error: "Ingrese la nueva contraseña." })
    .min(MIN_PASSWORD_LENGTH, { message: `La contraseña debe tener al menos ${MIN_PASSWORD_LENGTH} caracteres.` })
    .max(MAX_PASSWORD_LENGTH, { message: `La contraseña admite como máximo ${MAX_PASSWORD_LENGTH} caracteres.` });
}

export const COMMON_PASSWORD_MESSAGE =
  "Esa contraseña es demasiado común y fácil de adivinar. Elija otra, por ejemplo una frase de varias palabras.";
export const SAME_AS_USERNAME_MESSAGE = "La contraseña no puede contener su nombre de usuario.";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { message: "Ingrese su contraseña actual." }).max(MAX_PASSWORD_LENGTH),
    newPassword: newPasswordField(),
    confirmPassword: z.string().min(1, { message: "Confirme la nueva contraseña." }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "La confirmación no coincide con la nueva contraseña.",
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ["newPassword"],
    message: "La nueva contraseña debe ser distinta de la actual.",
  });
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
