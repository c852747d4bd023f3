import { z } from "@/lib/validation";

export const signInSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, { message: "Ingrese su usuario." }).max(64),
  password: z.string().min(1, { message: "Ingrese su contraseña." }).max(256),
});
