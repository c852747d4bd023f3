import { closureUrgency, formatDuration } from "@/lib/orders/closure-deadline";
import type { OrderSummary } from "@/lib/orders/queries";
import { formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { Alert } from "@/components/ui/alert";
import { RowLink } from "@/components/ui/button";
import { Table } from "@/components/ui/table";

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
        <Alert tone="error" title={`${late.length} ${late.length === 1 ? "orden está" : "órdenes están"} fuera de plazo.`}>
          Debieron cerrarse el día en que llegó el producto. Ciérrelas cuanto antes: el cierre tardío es una infracción sancionable.
        </Alert>
      ) : null}
      {dueToday.length ? (
        <Alert tone="warning" title={`${dueToday.length} ${dueToday.length === 1 ? "orden debe" : "órdenes deben"} cerrarse hoy antes de la medianoche.`}>
          Registre el cierre en cuanto reciba el producto, hoy antes de las 23:59 (hora de Lima).
        </Alert>
      ) : null}
      <Table caption="Órdenes por cerrar y su plazo">
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
              <td className="font-mono font-semibold">{order.code}</td>
              <td className="whitespace-nowrap">{formatLimaDateTime(order.requestedAt)}</td>
              <td>{order.seller.businessName}</td>
              <td className="text-right">{formatGallons(order.requestedVolume)}</td>
              <td className="whitespace-nowrap">{formatLimaDateTime(order.porCerrarAt!)}</td>
              <td>{formatDuration(urgency.minutesWaiting)}</td>
              <td>
                {urgency.kind === "late" ? (
                  <strong className="text-red-800">
                    Fuera de plazo: {urgency.daysLate} {urgency.daysLate === 1 ? "día" : "días"} de retraso
                  </strong>
                ) : (
                  <strong className="text-amber-800">Cerrar hoy: quedan {formatDuration(urgency.minutesLeft)}</strong>
                )}
              </td>
              <td>
                <RowLink href={`/compras/cierre/${order.code}`}>Ver Detalle</RowLink>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
