import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { listOrdersFor } from "@/lib/orders/queries";
import { database } from "@/lib/next/context";
import { AnnulList } from "./annul-list";

export const metadata = { title: "Corrección de Orden de Pedido: Anulación de Transacciones" };

export default async function AnnulPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const user = await requireUser("COMPRADOR");
  const { code } = await searchParams;
  const orders = await listOrdersFor(database(), user, { states: ["SOLICITADO"] }, 200);
  return (
    <div>
      <PageHeader
        title="Corrección de Orden de Pedido: Anulación de Transacciones"
        description="Solo puede anular una orden de pedido mientras se encuentre en estado SOLICITADO. Al anularla se libera su capacidad de compra."
      />
      <AnnulList
        orders={orders.map((order) => ({
          code: order.code,
          requestedAt: order.requestedAt.toISOString(),
          seller: order.seller.businessName,
          volume: order.requestedVolume,
        }))}
        preselected={typeof code === "string" ? code : undefined}
      />
    </div>
  );
}
