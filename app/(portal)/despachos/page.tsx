import { OrderTable } from "@/components/order/order-table";
import { RowLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { PAGE_SIZE, listOrdersFor } from "@/lib/orders/queries";
import { database } from "@/lib/next/context";

export const metadata = { title: "Despachos por Registrar" };

/** "Despachos por Registrar": flow-b orders sold (ACEPTADO/VENDIDO) from the operator's plant, newest first. */
export default async function DispatchesPage() {
  const user = await requireUser("OPERADOR_PLANTA");
  const orders = await listOrdersFor(database(), user, { states: ["VENDIDO"], flow: "B" });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Despachos por Registrar"
        description="Órdenes de pedido vendidas desde su Planta de Abastecimiento (estado ACEPTADO/VENDIDO) que esperan el registro del despacho."
      />
      <OrderTable
        orders={orders}
        empty="No tiene despachos por registrar."
        actions={(order) => <RowLink href={`/despachos/${order.code}`}>Registrar Despacho</RowLink>}
      />
      {orders.length === PAGE_SIZE ? (
        <p className="text-sm text-slate-600">Se muestran las {PAGE_SIZE} órdenes más recientes; registre estos despachos para ver los anteriores.</p>
      ) : null}
    </div>
  );
}
