import type { OrderDetail } from "@/lib/orders/queries";
import { LATENESS_BASIS_LABELS, type LatenessBasis } from "@/lib/orders/receipt";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { formatDay, formatLimaDateTime } from "@/lib/time";
import { formatGallons } from "@/lib/volume";
import { formatDensity, formatKilograms, formatTemperature, massKilograms } from "@/lib/orders/lot-measures";
import { Cell, Table } from "@/components/ui/table";
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

/** How late a closure or rejection was, and from what the days were counted. */
function LatenessText({ daysLate, dueDay, basis }: { daysLate: number; dueDay: string | null; basis: LatenessBasis | null }) {
  const from = basis ? LATENESS_BASIS_LABELS[basis].toLowerCase() : "el día en que quedó por cerrar";
  return (
    <>
      <span className={daysLate > 0 ? "font-semibold text-red-800" : undefined}>{daysLate === 0 ? "0 (el mismo día)" : daysLate}</span>
      <span className="block text-sm text-slate-600">
        Contados desde: {from}
        {dueDay ? `, ${formatDay(dueDay)}` : ""}.
      </span>
    </>
  );
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
          {order.nonDeliveryKnownAt ? <Item label="Supo que el producto no llegaría">{formatLimaDateTime(order.nonDeliveryKnownAt)}</Item> : null}
          {order.daysLate !== null ? (
            <Item label={order.state === "RECHAZADO" ? "Días de retraso en el rechazo" : "Días de retraso en el cierre"}>
              <LatenessText daysLate={order.daysLate} dueDay={order.dueDay} basis={order.latenessBasis as LatenessBasis | null} />
            </Item>
          ) : null}
          {order.rejectionReason ? <Item label="Motivo del rechazo">{order.rejectionReason}</Item> : null}
        </dl>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold text-scop-800">Lotes</h2>
        {order.lots.length === 0 ? (
          <p className="text-slate-600">La orden aún no tiene lotes: el vendedor no ha registrado la venta.</p>
        ) : (
          <Table caption="Lotes de la orden" layout="cards">
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
                <th>Fecha Descarga</th>
              </tr>
            </thead>
            <tbody>
              {order.lots.map((lot) => (
                <tr key={lot.id}>
                  <Cell label="Lote" className="font-semibold">
                    {lot.position}
                  </Cell>
                  <Cell label="Cantidad Vendida (gal)" className="text-right">
                    {formatGallons(lot.soldVolume)}
                    {lot.density !== null ? <span className="block text-xs text-slate-600">{formatKilograms(massKilograms(lot.soldVolume, lot.density))} kg</span> : null}
                  </Cell>
                  <Cell label="Cisterna" className="whitespace-nowrap">
                    <TruckCell plate={lot.plate} truck={lot.truck} link={truckLinks} />
                    {lot.dispatchedPlate ? (
                      <span className="block text-xs">
                        Despachó: <TruckCell plate={lot.dispatchedPlate} truck={lot.dispatchedTruck} link={truckLinks} />
                      </span>
                    ) : null}
                  </Cell>
                  <Cell label="Guía de Remisión">{lot.guiaRemision || "—"}</Cell>
                  <Cell label="Factura">{lot.factura || "—"}</Cell>
                  {measured ? (
                    <Cell label="Densidad / Temperatura" className="whitespace-nowrap">
                      {lot.density !== null ? `${formatDensity(lot.density)} kg/L` : "—"} · {lot.temperature !== null ? `${formatTemperature(lot.temperature)} °C` : "—"}
                    </Cell>
                  ) : null}
                  <Cell label="Cantidad Despachada (gal)" className="text-right">
                    {lot.dispatchedVolume === null ? "—" : formatGallons(lot.dispatchedVolume)}
                  </Cell>
                  <Cell label="Fecha Despacho">{lot.dispatchedAt ? formatLimaDateTime(lot.dispatchedAt) : "—"}</Cell>
                  <Cell label="Cantidad Recibida (gal)" className="text-right">
                    {lot.rejected ? <strong className="text-red-800">Rechazado</strong> : lot.receivedVolume === null ? "—" : formatGallons(lot.receivedVolume)}
                  </Cell>
                  <Cell label="Fecha Descarga">{lot.unloadedAt ? formatLimaDateTime(lot.unloadedAt) : "—"}</Cell>
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
