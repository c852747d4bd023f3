import { Shell } from "@/components/layout/shell";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { currentUser } from "@/lib/next/session";

export const metadata = { title: "No autorizado" };

export default async function NotAuthorizedPage() {
  const user = await currentUser();
  return (
    <Shell user={user}>
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold text-scop-800">No autorizado</h1>
        <Alert tone="error" title="Su perfil no tiene acceso a esta opción.">
          Las opciones disponibles para su perfil están en el menú. Si cree que necesita este acceso, comuníquese con el
          administrador de su empresa o con el Centro de Control SCOP.
        </Alert>
        <ButtonLink href="/">Ir al inicio</ButtonLink>
      </div>
    </Shell>
  );
}
