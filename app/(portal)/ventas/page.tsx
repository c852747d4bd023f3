import { OrderTable } from "@/components/order/order-table";
import { RowLink } from "@/components/ui/button";
import { KeysetPages } from "@/components/ui/keyset-pages";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { orderPageFor } from "@/lib/orders/order-pages";
import { database } from "@/lib/next/context";

export const metadata = { title: "Órdenes por Atender" };

/** "Órdenes por Atender": the SOLICITADO orders addressed to the signed-in seller, newest first. */
export default async function SalesPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const user = await requirePage("/ventas");
  const raw = (await searchParams).cursor;
  const cursor = (Array.isArray(raw) ? raw[0] : raw) || undefined;
  const { orders, next } = await orderPageFor(database(), user, { states: ["SOLICITADO"] }, cursor);
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
      <KeysetPages path="/ventas" params={new URLSearchParams()} cursor={cursor} next={next} />
    </div>
  );
}
