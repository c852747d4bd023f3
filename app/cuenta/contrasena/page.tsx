import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/password-policy";
import { requirePage } from "@/lib/next/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata = { title: "Cambiar Contraseña" };

export default async function ChangePasswordPage() {
  const user = await requirePage("/cuenta/contrasena");
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <PageHeader title="Cambiar Contraseña" description={`Use al menos ${MIN_PASSWORD_LENGTH} caracteres; una frase de varias palabras es fácil de recordar y difícil de adivinar.`} />
      {user.mustChangePassword ? (
        <Alert tone="warning" title="Debe cambiar su contraseña para continuar.">
          Su contraseña fue asignada o restablecida por el administrador.
        </Alert>
      ) : null}
      <ChangePasswordForm />
    </div>
  );
}
