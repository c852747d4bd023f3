import { closureWait, formatDuration } from "@/lib/orders/closure-deadline";
import type { OrderSummary } from "@/lib/orders/queries";
import { DEFAULT_UNCLOSED_DAYS } from "@/lib/orders/receipt";
import { formatLimaDateTime } from "@/lib/time";
import { countOf } from "@/lib/plural";
import { formatGallons } from "@/lib/volume";
import { Alert } from "@/components/ui/alert";
import { RowLink } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";

/**
 * Orders POR CERRAR with the time since the sale or dispatch. The system does not know when the
 * product arrives, so it claims no deadline: it says the rule (close the same day the product is
 * unloaded; reject at once if it will not arrive) and calls out orders waiting for days.
 */
export function ClosureWarnings({ orders, now }: { orders: OrderSummary[]; now: Date }) {
  const rows = orders
    .filter((order) => order.state === "POR_CERRAR" && order.porCerrarAt)
    .map((order) => ({ order, wait: closureWait(order.porCerrarAt!, now) }));
  if (rows.length === 0) return null;
  const overdue = rows.filter((row) => row.wait.overdue);
  return (
    <section className="space-y-3" aria-labelledby="por-cerrar">
      <h2 id="por-cerrar" className="text-lg font-semibold text-scop-800">
        Órdenes por cerrar
      </h2>
      <Alert tone="info" title="Cierre cada orden el mismo día en que recibe el producto.">
        Registre el cierre el día (hora de Lima) en que el GLP llega y se descarga en su establecimiento, declarando la fecha y hora de descarga
        de cada lote. Si el producto no llegará, rechace la orden en cuanto lo sepa.
      </Alert>
      {overdue.length ? (
        <Alert
          tone="warning"
          title={`${countOf(overdue.length, "orden lleva", "órdenes llevan")} más de ${DEFAULT_UNCLOSED_DAYS} días sin cierre ni rechazo.`}
        >
          Si ya recibió el producto, ciérrela declarando su fecha de descarga; si no llegará, recházela. El regulador revisa las órdenes que
          quedan por cerrar durante días.
        </Alert>
      ) : null}
      <Table caption="Órdenes por cerrar y el tiempo desde la venta o el despacho" layout="cards">
        <thead>
          <tr>
            <th>Código de Autorización</th>
            <th>Fecha Pedido</th>
            <th>Vendedor</th>
            <th className="text-right">Volumen (gal)</th>
            <th>Vendida o despachada</th>
            <th>Tiempo desde la venta o despacho</th>
            <th>Opciones</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ order, wait }) => (
            <tr key={order.id}>
              <Cell label="Código de Autorización" className="font-mono font-semibold">
                {order.code}
              </Cell>
              <Cell label="Fecha Pedido" className="whitespace-nowrap">
                {formatLimaDateTime(order.requestedAt)}
              </Cell>
              <Cell label="Vendedor">{order.seller.businessName}</Cell>
              <Cell label="Volumen (gal)" className="text-right">
                {formatGallons(order.requestedVolume)}
              </Cell>
              <Cell label="Vendida o despachada" className="whitespace-nowrap">
                {formatLimaDateTime(order.porCerrarAt!)}
                <span className="block text-xs text-slate-600">{order.flow === "B" ? "despacho" : "venta"}</span>
              </Cell>
              <Cell label="Tiempo desde la venta o despacho">
                {wait.overdue ? (
                  <strong className="text-amber-800">{formatDuration(wait.minutesWaiting)}: sin cierre ni rechazo</strong>
                ) : (
                  formatDuration(wait.minutesWaiting)
                )}
              </Cell>
              <Cell label="">
                <div className="flex flex-wrap gap-3 whitespace-nowrap">
                  <RowLink href={`/compras/cierre/${order.code}`}>Ver Detalle</RowLink>
                  <RowLink href={`/compras/rechazo/${order.code}`}>Rechazar</RowLink>
                </div>
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
