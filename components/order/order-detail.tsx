import type { OrderDetail } from "@/lib/orders/queries";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { formatDay, formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { formatDensity, formatKilograms, formatTemperature, massKilograms } from "@/lib/orders/lot-measures";
import { Table } from "@/components/ui/table";
import { OrderCode } from "./legacy-code-badge";
import { StateBadge } from "./state-badge";

function TruckCell({ plate, truck, link }: { plate: string; truck: { id: number; registryNumber: string } | null; link: boolean }) {
  if (!truck) return <span className="font-mono">{plate}</span>;
  return (
    <>
      {link ? (
        <a href={`/cisternas/${truck.id}`} className="font-mono font-semibold text-scop-700 underline">
          {plate}
        </a>
      ) : (
        <span className="font-mono">{plate}</span>
      )}
      <span className="block text-xs text-slate-600">Reg. {truck.registryNumber}</span>
    </>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="border-b border-slate-100 py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-semibold text-slate-600">{label}</dt>
      <dd className="mt-1 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}

function agentLine(agent: { businessName: string; type: string; ruc: string }) {
  return `${agent.businessName} — ${AGENT_TYPE_LABELS[agent.type as AgentType] ?? agent.type} (RUC ${agent.ruc})`;
}

/** "Ver Detalle": every field of the order and its lots. */
export function OrderDetailView({ order, truckLinks = false }: { order: OrderDetail; truckLinks?: boolean }) {
  const measured = order.lots.some((lot) => lot.density !== null || lot.temperature !== null);
  return (
    <div className="space-y-6">
      <section className="rounded-md border border-slate-200 bg-white p-4">
        <dl>
          <Item label="Código de Autorización">
            <OrderCode order={order} className="font-mono text-lg font-bold tracking-wider" />
          </Item>
          <Item label="Estado">
            <StateBadge state={order.state} />
          </Item>
          <Item label="Fecha Pedido">{formatLimaDateTime(order.requestedAt)}</Item>
          <Item label="Comprador">{agentLine(order.buyer)}</Item>
          <Item label="Agente Vendedor">{agentLine(order.seller)}</Item>
          {order.plant ? <Item label="Planta de Abastecimiento">{agentLine(order.plant)}</Item> : null}
          <Item label="Volumen Solicitado (gal)">{formatGallons(order.requestedVolume)}</Item>
          <Item label="Número de Orden de Compra">{order.purchaseOrderNumber ?? "—"}</Item>
          <Item label="Fecha de Entrega">{formatDay(order.deliveryDate)}</Item>
          <Item label="Comentario">{order.comment ?? "—"}</Item>
          <Item label="Transporte">{order.transport ?? "—"}</Item>
          {order.soldAt ? <Item label="Fecha de Venta">{formatLimaDateTime(order.soldAt)}</Item> : null}
          {order.dispatchedAt ? <Item label="Fecha de Despacho">{formatLimaDateTime(order.dispatchedAt)}</Item> : null}
          {order.endedAt ? <Item label="Fecha de Cierre / Fin">{formatLimaDateTime(order.endedAt)}</Item> : null}
          {order.daysLate ? <Item label="Días de retraso en el cierre">{order.daysLate}</Item> : null}
          {order.rejectionReason ? <Item label="Motivo del rechazo">{order.rejectionReason}</Item> : null}
        </dl>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold text-scop-800">Lotes</h2>
        {order.lots.length === 0 ? (
          <p className="text-slate-600">La orden aún no tiene lotes: el vendedor no ha registrado la venta.</p>
        ) : (
          <Table caption="Lotes de la orden">
            <thead>
              <tr>
                <th>Lote</th>
                <th>Cantidad Vendida (gal)</th>
                <th>Cisterna</th>
                <th>Guía de Remisión</th>
                <th>Factura</th>
                {measured ? <th>Densidad / Temperatura</th> : null}
                <th>Cantidad Despachada (gal)</th>
                <th>Fecha Despacho</th>
                <th>Cantidad Recibida (gal)</th>
              </tr>
            </thead>
            <tbody>
              {order.lots.map((lot) => (
                <tr key={lot.id}>
                  <td>{lot.position}</td>
                  <td className="text-right">
                    {formatGallons(lot.soldVolume)}
                    {lot.density !== null ? <span className="block text-xs text-slate-600">{formatKilograms(massKilograms(lot.soldVolume, lot.density))} kg</span> : null}
                  </td>
                  <td className="whitespace-nowrap">
                    <TruckCell plate={lot.plate} truck={lot.truck} link={truckLinks} />
                    {lot.dispatchedPlate ? (
                      <span className="block text-xs">
                        Despachó: <TruckCell plate={lot.dispatchedPlate} truck={lot.dispatchedTruck} link={truckLinks} />
                      </span>
                    ) : null}
                  </td>
                  <td>{lot.guiaRemision || "—"}</td>
                  <td>{lot.factura || "—"}</td>
                  {measured ? (
                    <td className="whitespace-nowrap">
                      {lot.density !== null ? `${formatDensity(lot.density)} kg/L` : "—"} · {lot.temperature !== null ? `${formatTemperature(lot.temperature)} °C` : "—"}
                    </td>
                  ) : null}
                  <td className="text-right">{lot.dispatchedVolume === null ? "—" : formatGallons(lot.dispatchedVolume)}</td>
                  <td>{lot.dispatchedAt ? formatLimaDateTime(lot.dispatchedAt) : "—"}</td>
                  <td className="text-right">{lot.rejected ? <strong className="text-red-800">Rechazado</strong> : lot.receivedVolume === null ? "—" : formatGallons(lot.receivedVolume)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {measured ? (
          <p className="mt-2 text-xs text-slate-600">
            Masa = galones × 3.785411784 L/gal (galón estadounidense) × densidad observada a la temperatura registrada (kg/L), redondeada al kilogramo.
          </p>
        ) : null}
      </section>
    </div>
  );
}
