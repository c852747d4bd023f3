import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/next/session";
import { listOrdersFor } from "@/lib/orders/queries";
import { database } from "@/lib/next/context";
import { AnnulList } from "./annul-list";

export const metadata = { title: "Corrección de Orden de Pedido: Anulación de Transacciones" };

export default async function AnnulPage({ searchParams }: { searchParams: Promise<{ code?: string }> }) {
  const user = await requireUser("COMPRADOR");
  const { code } = await searchParams;
  const orders = await database().transaction((tx) => listOrdersFor(tx, user, { states: ["SOLICITADO"] }, 200));
  return (
    <div>
      <PageHeader
        title="Corrección de Orden de Pedido: Anulación de Transacciones"
        description="Anule una orden generada por error, mientras se encuentre en estado SOLICITADO: queda sin efecto y se libera su capacidad de compra. Si en cambio el producto no llegará o decide no recibirlo, use «Rechazar Orden» en su detalle: el rechazo registra el motivo y cuándo supo que no llegaría, y se puede hasta antes del cierre."
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
