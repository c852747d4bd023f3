import { OrderDetailView } from "@/components/order/order-detail";
import { OrderActions } from "@/components/order/order-actions";
import { ConstatacionesTable } from "@/components/order/constataciones-table";
import { ButtonLink, RowLink } from "@/components/ui/button";
import { constatacionesOf } from "@/lib/constataciones/queries";
import { database } from "@/lib/next/context";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { orderVisibleTo } from "@/lib/next/order-lookup";

export const metadata = { title: "Detalle de la Orden de Pedido" };

/** "Ver Detalle". */
export default async function OrderDetailPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePage("/ordenes/[code]");
  const order = await orderVisibleTo(user, (await params).code);
  const regulator = user.role === "REGULADOR" || user.role === "ADMINISTRADOR";
  // Constataciones are the regulator's evidence: shown to the regulator only.
  const constataciones = regulator ? await database().transaction((tx) => constatacionesOf(tx, order.id)) : null;
  return (
    <div className="space-y-4">
      <PageHeader title="Detalle de la Orden de Pedido" />
      <OrderActions user={user} order={order} />
      <OrderDetailView order={order} truckLinks={regulator} />
      {constataciones ? (
        <section aria-labelledby="constataciones" className="space-y-2">
          <h2 id="constataciones" className="text-lg font-semibold text-scop-800">
            Constataciones
          </h2>
          <ConstatacionesTable constataciones={constataciones} lotPlates={order.lots.map((lot) => lot.dispatchedPlate ?? lot.plate)} />
          <p className="text-sm">
            <RowLink href={`/verificacion?code=${order.code}`}>Registrar constatación en Consulta de Código de Autorización</RowLink>
          </p>
        </section>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/ordenes/${order.code}/movimientos`} variant="secondary">
          Ver Mov.
        </ButtonLink>
        <a href={`/ordenes/${order.code}/constancia`} target="_blank" rel="noopener" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">
          Constancia (PDF)
        </a>
        <ButtonLink href={regulator ? "/regulador/movimientos" : "/ordenes"} variant="secondary">
          Volver
        </ButtonLink>
      </div>
    </div>
  );
}
