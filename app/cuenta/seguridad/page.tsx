import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { remainingRecoveryCodes, totpRequired } from "@/lib/accounts/totp";
import { requirePage } from "@/lib/next/session";
import { database } from "@/lib/next/context";
import { TotpSetup } from "./totp-setup";

export const metadata = { title: "Seguridad de la cuenta" };

export default async function SecurityPage() {
  const user = await requirePage("/cuenta/seguridad");
  const remaining = user.totpEnabled ? await database().transaction((tx) => remainingRecoveryCodes(tx, user.userId)) : 0;
  const required = totpRequired(user.role);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <PageHeader
        title="Seguridad de la cuenta"
        description="El segundo factor protege su cuenta aunque alguien conozca su contraseña: al ingresar se pide además un código de verificación de su aplicación autenticadora (Google Authenticator, Microsoft Authenticator, FreeOTP…)."
      />
      {user.mustChangePassword ? <Alert tone="warning">Primero cambie su contraseña en “Cambiar Contraseña”.</Alert> : null}
      {user.mustEnrollTotp ? (
        <Alert tone="warning" title="Su perfil requiere el segundo factor.">
          Actívelo para continuar: los perfiles Administrador y Regulador deben ingresar siempre con código de verificación.
        </Alert>
      ) : null}
      {user.totpEnabled ? (
        <Alert tone="success" title="El segundo factor está activado.">
          Le quedan {remaining} {remaining === 1 ? "código" : "códigos"} de recuperación sin usar.
        </Alert>
      ) : null}
      <TotpSetup enabled={user.totpEnabled} required={required} />
    </div>
  );
}
