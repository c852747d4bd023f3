import { OrderTable } from "@/components/order/order-table";
import { RowLink } from "@/components/ui/button";
import { KeysetPages } from "@/components/ui/keyset-pages";
import { PageHeader } from "@/components/ui/page-header";
import { requirePage } from "@/lib/next/session";
import { orderPageFor } from "@/lib/orders/order-pages";
import { database } from "@/lib/next/context";

export const metadata = { title: "Despachos por Registrar" };

/** "Despachos por Registrar": flow-b orders sold (ACEPTADO/VENDIDO) from the operator's plant, newest first. */
export default async function DispatchesPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const user = await requirePage("/despachos");
  const raw = (await searchParams).cursor;
  const cursor = (Array.isArray(raw) ? raw[0] : raw) || undefined;
  const { orders, next } = await orderPageFor(database(), user, { states: ["VENDIDO"], flow: "B" }, cursor);
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
      <KeysetPages path="/despachos" params={new URLSearchParams()} cursor={cursor} next={next} />
    </div>
  );
}
