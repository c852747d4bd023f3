import type { OrderSummary } from "@/lib/orders/queries";
import { formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { RowLink } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { OrderCode } from "./legacy-code-badge";
import { StateBadge } from "./state-badge";

/** The list of the "Orden de Pedido" screens, with "Ver Mov." and "Ver Detalle" per order. */
export function OrderTable({
  orders,
  empty,
  actions,
}: {
  orders: OrderSummary[];
  empty: string;
  actions?: (order: OrderSummary) => React.ReactNode;
}) {
  if (orders.length === 0) return <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">{empty}</p>;
  return (
    <Table caption="Órdenes de pedido">
      <thead>
        <tr>
          <th>Código de Autorización</th>
          <th>Fecha Pedido</th>
          <th>Comprador</th>
          <th>Vendedor</th>
          <th className="text-right">Volumen (gal)</th>
          <th>Estado</th>
          <th>Opciones</th>
        </tr>
      </thead>
      <tbody>
        {orders.map((order) => (
          <tr key={order.id}>
            <td className="font-semibold">
              <OrderCode order={order} className="font-mono" />
            </td>
            <td className="whitespace-nowrap">{formatLimaDateTime(order.requestedAt)}</td>
            <td>{order.buyer.businessName}</td>
            <td>{order.seller.businessName}</td>
            <td className="text-right">{formatGallons(order.requestedVolume)}</td>
            <td>
              <StateBadge state={order.state} />
            </td>
            <td>
              <div className="flex flex-wrap gap-3 whitespace-nowrap">
                <RowLink href={`/ordenes/${order.code}/movimientos`}>Ver Mov.</RowLink>
                <RowLink href={`/ordenes/${order.code}`}>Ver Detalle</RowLink>
                {actions?.(order)}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
