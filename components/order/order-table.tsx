import type { OrderSummary } from "@/lib/orders/queries";
import { formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { RowLink } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";
import { OrderCode } from "./legacy-code-badge";
import { StateBadge } from "./state-badge";

/** The list of the "Orden de Pedido" screens, with "Ver Mov." and "Ver Detalle" per order; cards on a phone. */
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
    <Table caption="Órdenes de pedido" layout="cards">
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
            <Cell label="Código de Autorización" className="font-semibold">
              <OrderCode order={order} className="font-mono" />
            </Cell>
            <Cell label="Fecha Pedido" className="whitespace-nowrap">
              {formatLimaDateTime(order.requestedAt)}
            </Cell>
            <Cell label="Comprador">{order.buyer.businessName}</Cell>
            <Cell label="Vendedor">{order.seller.businessName}</Cell>
            <Cell label="Volumen (gal)" className="text-right">
              {formatGallons(order.requestedVolume)}
            </Cell>
            <Cell label="Estado">
              <StateBadge state={order.state} />
            </Cell>
            <Cell label="">
              <div className="flex flex-wrap gap-x-4 gap-y-1 whitespace-nowrap">
                <RowLink href={`/ordenes/${order.code}/movimientos`}>Ver Mov.</RowLink>
                <RowLink href={`/ordenes/${order.code}`}>Ver Detalle</RowLink>
                {actions?.(order)}
              </div>
            </Cell>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
