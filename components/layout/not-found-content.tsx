import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";

/** "No encontrado": the same words whether the frame around it is the portal's or the public one. */
export function NotFoundContent() {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-bold text-scop-800">No encontrado</h1>
      <Alert tone="warning" title="Lo que busca no existe o no está entre lo que su perfil puede consultar.">
        Si buscaba una orden de pedido, revise el Código de Autorización: solo se muestran las órdenes en las que participa su empresa.
      </Alert>
      <ButtonLink href="/">Ir al inicio</ButtonLink>
    </div>
  );
}
