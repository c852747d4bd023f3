import { Shell } from "@/components/layout/shell";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { headers } from "next/headers";
import { currentUser } from "@/lib/next/session";

export default async function NotFound() {
  const user = await currentUser();
  const requestId = (await headers()).get("x-request-id");
  return (
    <Shell user={user}>
      <div className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold text-scop-800">No encontrado</h1>
        <Alert tone="warning" title="No existe una orden de pedido con ese Código de Autorización entre sus órdenes.">
          Revise el código o búsquelo en la opción de consulta.
        </Alert>
        <ButtonLink href="/">Ir al inicio</ButtonLink>
        {requestId ? (
          <p className="text-xs text-slate-600">
            Código de referencia: <span className="font-mono">{requestId}</span>
          </p>
        ) : null}
      </div>
    </Shell>
  );
}
