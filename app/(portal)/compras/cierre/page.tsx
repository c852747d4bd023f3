import { ClosureWarnings } from "@/components/buyer/closure-warnings";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { listOrdersFor } from "@/lib/orders/queries";
import { database } from "@/lib/next/context";

export const metadata = { title: "Cierre de Orden de Pedido" };

/** "Cierre de Orden de Pedido": only the orders POR CERRAR, with their deadline. */
export default async function ClosureListPage() {
  const user = await requireUser("COMPRADOR");
  const orders = await listOrdersFor(database(), user, { states: ["POR_CERRAR"] }, 200);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Cierre de Orden de Pedido"
        description="Registre el cierre el mismo día en que recibe el GLP en su establecimiento, consignando la cantidad recibida de cada lote."
      />
      {orders.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4">No tiene órdenes de pedido en estado POR CERRAR.</p>
      ) : (
        <ClosureWarnings orders={orders} now={new Date()} />
      )}
    </div>
  );
}
