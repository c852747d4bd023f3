import { z } from "@/lib/validation";
import { ROLES } from "./roles";

/** A user's e-mail address, where the notifications it chose also arrive. */
export const emailField = z
  .string({ error: "Ingrese el correo electrónico." })
  .trim()
  .toLowerCase()
  .min(1, { message: "Ingrese el correo electrónico." })
  .max(254, { message: "El correo admite como máximo 254 caracteres." })
  .pipe(z.email({ message: "Ingrese un correo electrónico válido, p. ej. nombre@empresa.pe." }));

/** "Crear Usuario", shared by the form and the server. */
export const createUserSchema = z.object({
  agentId: z.coerce.number({ error: "Seleccione el agente." }).int().positive({ message: "Seleccione el agente." }),
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, {
      message: "El usuario debe tener de 3 a 32 caracteres: letras minúsculas, números, punto, guion o guion bajo.",
    }),
  fullName: z.string().trim().min(3, { message: "Ingrese el nombre completo." }).max(120, { message: "El nombre admite como máximo 120 caracteres." }),
  role: z.enum(ROLES, { error: "Seleccione el rol." }),
  email: emailField,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const userEmailSchema = z.object({ email: emailField });
