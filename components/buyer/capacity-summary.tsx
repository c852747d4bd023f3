import type { OrderSummary } from "@/lib/orders/queries";
import { formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { RowLink } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";
import { StateBadge } from "@/components/order/state-badge";

export interface Capacity {
  total: number;
  committed: number;
  available: number;
  openOrders: OrderSummary[];
}

function Figure({ label, value, strong }: { label: string; value: number; strong?: boolean }) {
  return (
    <div className={`rounded-md border p-4 ${strong ? "border-scop-600 bg-scop-50" : "border-slate-200 bg-white"}`}>
      <p className="text-sm text-slate-600">{label}</p>
      <p className="mt-1 text-2xl font-bold text-scop-900">{formatGallons(value)} gal</p>
    </div>
  );
}

/** The capacidad de compra: storage capacity, what open orders tie up (listed), what is left. */
export function CapacitySummary({ capacity }: { capacity: Capacity }) {
  return (
    <section className="space-y-3" aria-labelledby="capacidad">
      <h2 id="capacidad" className="text-lg font-semibold text-scop-800">
        Capacidad de compra
      </h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <Figure label="Capacidad de almacenamiento" value={capacity.total} />
        <Figure label="Comprometida en órdenes abiertas" value={capacity.committed} />
        <Figure label="Disponible para nuevas órdenes" value={capacity.available} strong />
      </div>
      {capacity.openOrders.length ? (
        <Table caption="Órdenes abiertas que comprometen capacidad" layout="cards">
          <thead>
            <tr>
              <th>Código de Autorización</th>
              <th>Fecha Pedido</th>
              <th>Vendedor</th>
              <th className="text-right">Volumen (gal)</th>
              <th>Estado</th>
              <th>Opciones</th>
            </tr>
          </thead>
          <tbody>
            {capacity.openOrders.map((order) => (
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
                <Cell label="Estado">
                  <StateBadge state={order.state} />
                </Cell>
                <Cell label="">
                  <RowLink href={`/ordenes/${order.code}`}>Ver Detalle</RowLink>
                </Cell>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p className="text-slate-600">No tiene órdenes abiertas.</p>
      )}
    </section>
  );
}
