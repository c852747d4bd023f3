import { OrderTable } from "@/components/order/order-table";
import { RowLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { PAGE_SIZE, listOrdersFor } from "@/lib/orders/queries";
import { database } from "@/lib/next/context";

export const metadata = { title: "Órdenes por Atender" };

/** "Órdenes por Atender": the SOLICITADO orders addressed to the signed-in seller, newest first. */
export default async function SalesPage() {
  const user = await requireUser("VENDEDOR");
  const orders = await listOrdersFor(database(), user, { states: ["SOLICITADO"] });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Órdenes por Atender"
        description="Órdenes de pedido dirigidas a su empresa que esperan la venta (estado SOLICITADO). Registre la venta solo con un Código de Autorización vigente."
      />
      <OrderTable
        orders={orders}
        empty="No tiene órdenes de pedido por atender."
        actions={(order) => <RowLink href={`/ventas/${order.code}`}>Registrar Venta</RowLink>}
      />
      {orders.length === PAGE_SIZE ? (
        <p className="text-sm text-slate-600">Se muestran las {PAGE_SIZE} órdenes más recientes; atienda estas para ver las anteriores.</p>
      ) : null}
    </div>
  );
}
