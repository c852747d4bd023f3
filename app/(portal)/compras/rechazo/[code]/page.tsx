import { PageHeader } from "@/components/ui/page-header";
import { StateBadge } from "@/components/order/state-badge";
import { requirePage } from "@/lib/next/session";
import { isAllowed, STATE_LABELS, type OrderState } from "@/lib/orders/states";
import type { Flow } from "@/lib/registry/agent-types";
import { orderVisibleTo } from "@/lib/next/order-lookup";
import { limaDateTimeInputValue } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { RejectOrderForm } from "./reject-order-form";

export const metadata = { title: "Rechazar Orden de Pedido" };

export default async function RejectOrderPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePage("/compras/rechazo/[code]");
  const order = await orderVisibleTo(user, (await params).code);
  const allowed = isAllowed("RECHAZAR", order.state as OrderState, order.flow as Flow);
  return (
    <div className="max-w-2xl space-y-4">
      <PageHeader
        title="Rechazar Orden de Pedido"
        description={
          <>
            Código de Autorización <span className="font-mono font-bold">{order.code}</span> · {order.seller.businessName} ·{" "}
            {formatGallons(order.requestedVolume)} gal · <StateBadge state={order.state} />
          </>
        }
      />
      <RejectOrderForm
        code={order.code}
        state={order.state}
        now={limaDateTimeInputValue(new Date())}
        requestedAt={order.requestedAt.toISOString()}
        blocked={
          allowed
            ? null
            : {
                title: `La orden está en estado ${STATE_LABELS[order.state as OrderState]}: no se puede rechazar.`,
                text: "Solo se rechaza una orden que aún no está cerrada, anulada ni rechazada (SOLICITADO, ACEPTADO/VENDIDO o POR CERRAR).",
              }
        }
      />
    </div>
  );
}
