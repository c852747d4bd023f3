import { ClosureWarnings } from "@/components/buyer/closure-warnings";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { listOrdersFor } from "@/lib/orders/queries";
import { database } from "@/lib/next/context";

export const metadata = { title: "Cierre de Orden de Pedido" };

/** "Cierre de Orden de Pedido": only the orders POR CERRAR, with the time since the sale or dispatch. */
export default async function ClosureListPage() {
  const user = await requirePage("/compras/cierre");
  const orders = await listOrdersFor(database(), user, { states: ["POR_CERRAR"] }, 200);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Cierre de Orden de Pedido"
        description="Sus órdenes en estado POR CERRAR. Al cerrar declara, por cada lote, la cantidad recibida y la fecha y hora de descarga."
      />
      {orders.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4">No tiene órdenes de pedido en estado POR CERRAR.</p>
      ) : (
        <ClosureWarnings orders={orders} now={new Date()} />
      )}
    </div>
  );
}
