import { z } from "@/lib/validation";

export const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, { message: "Ingrese su usuario." }).max(64),
  password: z.string().min(1, { message: "Ingrese su contraseña." }).max(256),
  /** the second factor: a 6-digit code or a recovery code, once the server asked for it */
  otp: z
    .string()
    .trim()
    .max(32)
    .optional()
    .transform((value) => (value ? value : undefined)),
});

/** The first code of a second factor being enrolled (Seguridad de la cuenta). */
export const totpConfirmationSchema = z.object({
  code: z
    .string({ error: "Ingrese el código de 6 dígitos que muestra su aplicación." })
    .trim()
    .regex(/^\d{6}$/, { message: "Ingrese el código de 6 dígitos que muestra su aplicación." }),
});
