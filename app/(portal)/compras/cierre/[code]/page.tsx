import { PageHeader } from "@/components/ui/page-header";
import { StateBadge } from "@/components/order/state-badge";
import { requirePage } from "@/lib/next/session";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { orderVisibleTo } from "@/lib/next/order-lookup";
import { formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { CloseOrderForm } from "./close-order-form";

export const metadata = { title: "Cierre de Orden de Pedido" };

export default async function CloseOrderPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePage("/compras/cierre/[code]");
  const order = await orderVisibleTo(user, (await params).code);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Cierre de Orden de Pedido"
        description={
          <>
            Código de Autorización <span className="font-mono font-bold">{order.code}</span> · {order.seller.businessName} · Fecha Pedido{" "}
            {formatLimaDateTime(order.requestedAt)} · Volumen solicitado {formatGallons(order.requestedVolume)} gal · <StateBadge state={order.state} />
          </>
        }
      />
      {/* The form stays mounted after its own success, when the re-rendered order is no longer POR CERRAR. */}
      <CloseOrderForm
        code={order.code}
        blocked={
          order.state === "POR_CERRAR"
            ? null
            : { title: `La orden está en estado ${STATE_LABELS[order.state as OrderState]}: no se puede cerrar.`, text: "Solo se cierran las órdenes en estado POR CERRAR." }
        }
        lots={order.lots.map((lot) => ({
          position: lot.position,
          soldVolume: lot.soldVolume,
          dispatchedVolume: lot.dispatchedVolume,
          plate: lot.dispatchedPlate ?? lot.plate,
          guiaRemision: lot.guiaRemision,
          factura: lot.factura,
        }))}
      />
    </div>
  );
}
