import { OrderDetailView } from "@/components/order/order-detail";
import { OrderActions } from "@/components/order/order-actions";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { orderVisibleTo } from "@/lib/next/order-lookup";

export const metadata = { title: "Detalle de la Orden de Pedido" };

/** "Ver Detalle". */
export default async function OrderDetailPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requireUser();
  const order = await orderVisibleTo(user, (await params).code);
  return (
    <div className="space-y-4">
      <PageHeader title="Detalle de la Orden de Pedido" />
      <OrderActions user={user} order={order} />
      <OrderDetailView order={order} truckLinks={user.role === "REGULADOR" || user.role === "ADMINISTRADOR"} />
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/ordenes/${order.code}/movimientos`} variant="secondary">
          Ver Mov.
        </ButtonLink>
        <a href={`/ordenes/${order.code}/constancia`} target="_blank" rel="noopener" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100">
          Constancia (PDF)
        </a>
        <ButtonLink href={user.role === "REGULADOR" || user.role === "ADMINISTRADOR" ? "/regulador/movimientos" : "/ordenes"} variant="secondary">
          Volver
        </ButtonLink>
      </div>
    </div>
  );
}
