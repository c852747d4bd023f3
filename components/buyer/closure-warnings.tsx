import { closureUrgency, formatDuration } from "@/lib/orders/closure-deadline";
import type { OrderSummary } from "@/lib/orders/queries";
import { formatLimaDateTime } from "@/lib/time";
import { countOf } from "@/lib/plural";
import { formatGallons } from "@/lib/volume";
import { Alert } from "@/components/ui/alert";
import { RowLink } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";

/**
 * Orders POR CERRAR with the time since they got there: the regulation requires closing on the
 * day the product arrives, so those due before midnight and those already late are called out.
 */
export function ClosureWarnings({ orders, now }: { orders: OrderSummary[]; now: Date }) {
  const rows = orders
    .filter((order) => order.state === "POR_CERRAR" && order.porCerrarAt && order.porCerrarDay)
    .map((order) => ({ order, urgency: closureUrgency(order.porCerrarAt!, order.porCerrarDay!, now) }));
  if (rows.length === 0) return null;
  const late = rows.filter((row) => row.urgency.kind === "late");
  const dueToday = rows.filter((row) => row.urgency.kind === "due_today");
  return (
    <section className="space-y-3" aria-labelledby="por-cerrar">
      <h2 id="por-cerrar" className="text-lg font-semibold text-scop-800">
        Órdenes por cerrar
      </h2>
      {late.length ? (
        <Alert tone="error" title={`${countOf(late.length, "orden está", "órdenes están")} fuera de plazo.`}>
          Debieron cerrarse el día en que llegó el producto. Ciérrelas cuanto antes: el cierre tardío es una infracción sancionable.
        </Alert>
      ) : null}
      {dueToday.length ? (
        <Alert tone="warning" title={`${countOf(dueToday.length, "orden debe", "órdenes deben")} cerrarse hoy antes de la medianoche.`}>
          Registre el cierre en cuanto reciba el producto, hoy antes de las 23:59 (hora de Lima).
        </Alert>
      ) : null}
      <Table caption="Órdenes por cerrar y su plazo" layout="cards">
        <thead>
          <tr>
            <th>Código de Autorización</th>
            <th>Fecha Pedido</th>
            <th>Vendedor</th>
            <th className="text-right">Volumen (gal)</th>
            <th>Por cerrar desde</th>
            <th>Tiempo transcurrido</th>
            <th>Plazo</th>
            <th>Opciones</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ order, urgency }) => (
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
              <Cell label="Por cerrar desde" className="whitespace-nowrap">
                {formatLimaDateTime(order.porCerrarAt!)}
              </Cell>
              <Cell label="Tiempo transcurrido">{formatDuration(urgency.minutesWaiting)}</Cell>
              <Cell label="Plazo">
                {urgency.kind === "late" ? (
                  <strong className="text-red-800">
                    Fuera de plazo: {countOf(urgency.daysLate, "día", "días")} de retraso
                  </strong>
                ) : (
                  <strong className="text-amber-800">Cerrar hoy: quedan {formatDuration(urgency.minutesLeft)}</strong>
                )}
              </Cell>
              <Cell label="">
                <RowLink href={`/compras/cierre/${order.code}`}>Ver Detalle</RowLink>
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
