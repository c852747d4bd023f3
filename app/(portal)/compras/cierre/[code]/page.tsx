import { PageHeader } from "@/components/ui/page-header";
import { StateBadge } from "@/components/order/state-badge";
import { requirePage } from "@/lib/next/session";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { orderVisibleTo } from "@/lib/next/order-lookup";
import { closureWait, formatDuration } from "@/lib/orders/closure-deadline";
import { formatLimaDateTime, limaDateTimeInputValue } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { CloseOrderForm } from "./close-order-form";

export const metadata = { title: "Cierre de Orden de Pedido" };

export default async function CloseOrderPage({ params }: { params: Promise<{ code: string }> }) {
  const user = await requirePage("/compras/cierre/[code]");
  const order = await orderVisibleTo(user, (await params).code);
  const now = new Date();
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
      {order.state === "POR_CERRAR" && order.porCerrarAt ? (
        <p className="text-sm text-slate-700">
          {order.flow === "B" ? "Despachada" : "Vendida"} el {formatLimaDateTime(order.porCerrarAt)}, hace {formatDuration(closureWait(order.porCerrarAt, now).minutesWaiting)}.
          El cierre corresponde al mismo día (hora de Lima) en que el producto se descargó en su establecimiento: declare la fecha y hora de
          descarga de cada lote recibido.
        </p>
      ) : null}
      {/* The form stays mounted after its own success, when the re-rendered order is no longer POR CERRAR. */}
      <CloseOrderForm
        code={order.code}
        now={limaDateTimeInputValue(now)}
        requestedAt={order.requestedAt.toISOString()}
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
          // the truck left at the lot's dispatch (flow b) or at the sale (flow a): no descarga before it
          departure: { at: (lot.dispatchedAt ?? order.soldAt ?? order.requestedAt).toISOString(), kind: lot.dispatchedAt ? "despacho" : "venta" },
        }))}
      />
    </div>
  );
}
