import { headers } from "next/headers";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";

/**
 * "No encontrado": the same words whether the frame around it is the portal's or the public one,
 * with the request id the front door gave this request, so a user can quote it to support.
 */
export async function NotFoundContent() {
  const requestId = (await headers()).get("x-request-id");
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold text-scop-800">No encontrado</h1>
      <Alert tone="warning" title="Lo que busca no existe o no está entre lo que su perfil puede consultar.">
        Si buscaba una orden de pedido, revise el Código de Autorización: solo se muestran las órdenes en las que participa su empresa.
      </Alert>
      <ButtonLink href="/">Ir al inicio</ButtonLink>
      {requestId ? (
        <p className="text-xs text-slate-600">
          Código de referencia: <span className="font-mono">{requestId}</span>
        </p>
      ) : null}
    </div>
  );
}
