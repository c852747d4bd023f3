import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { remainingRecoveryCodes, totpRequired } from "@/lib/accounts/totp";
import { requirePage } from "@/lib/next/session";
import { database } from "@/lib/next/context";
import { Table } from "@/components/ui/table";
import { openSessions } from "@/lib/auth/sessions";
import { SESSION_ABSOLUTE_SECONDS } from "@/lib/next/auth-options";
import { formatLimaDateTime } from "@/lib/time";
import { EndOtherSessions } from "./open-sessions";
import { TotpSetup } from "./totp-setup";

/** "Chrome 131 en Linux": enough to recognise a device, from its User-Agent. */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return "Desconocido";
  const browser = /(Edg|Firefox|Chrome|Safari)\/(\d+)/.exec(userAgent);
  const system = /Windows|Android|iPhone|iPad|Mac OS X|Linux/.exec(userAgent);
  const name = browser ? `${browser[1] === "Edg" ? "Edge" : browser[1]} ${browser[2]}` : userAgent.slice(0, 40);
  return system ? `${name} en ${system[0] === "Mac OS X" ? "macOS" : system[0]}` : name;
}

export const metadata = { title: "Seguridad de la cuenta" };

export default async function SecurityPage() {
  const user = await requirePage("/cuenta/seguridad");
  const remaining = user.totpEnabled ? await database().transaction((tx) => remainingRecoveryCodes(tx, user.userId)) : 0;
  const sessions = await database().transaction((tx) => openSessions(tx, user.userId, SESSION_ABSOLUTE_SECONDS * 1000));
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
      <section aria-labelledby="sesiones" className="space-y-3">
        <h2 id="sesiones" className="text-lg font-semibold text-scop-800">
          Sesiones abiertas
        </h2>
        <p className="text-sm text-slate-600">Dónde está abierta su cuenta. Si no reconoce una sesión, ciérrela y cambie su contraseña.</p>
        <Table caption="Sesiones abiertas">
          <thead>
            <tr>
              <th scope="col">Inicio</th>
              <th scope="col">Dirección</th>
              <th scope="col">Navegador</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td className="whitespace-nowrap">
                  {formatLimaDateTime(session.createdAt)}
                  {session.id === user.sessionId ? <span className="block text-xs font-semibold text-scop-700">Esta sesión</span> : null}
                </td>
                <td className="font-mono">{session.ip ?? "—"}</td>
                <td>{deviceOf(session.userAgent)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <EndOtherSessions others={sessions.filter((session) => session.id !== user.sessionId).length} />
      </section>
    </div>
  );
}
