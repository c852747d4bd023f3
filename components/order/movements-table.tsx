import { movementDetail } from "@/lib/orders/movement-detail";
import type { OrderDetail } from "@/lib/orders/queries";
import { formatLimaDateTime } from "@/lib/time";
import { Cell, Table } from "@/components/ui/table";
import { StateBadge } from "./state-badge";

/** "Ver Mov.": every state the order went through, when, who recorded it, and what it recorded. */
export function MovementsTable({ order }: { order: Pick<OrderDetail, "movements" | "lots" | "requestedVolume" | "rejectionReason"> }) {
  return (
    <Table caption="Movimientos de la orden" layout="cards">
      <thead>
        <tr>
          <th>Fecha Movimiento</th>
          <th>Estado</th>
          <th>Registrado por</th>
          <th>Detalle</th>
        </tr>
      </thead>
      <tbody>
        {order.movements.map((movement) => {
          const detail = movementDetail(movement, order);
          return (
            <tr key={movement.id}>
              <Cell label="Fecha Movimiento" className="whitespace-nowrap">
                {formatLimaDateTime(movement.occurredAt)}
              </Cell>
              <Cell label="Estado">
                {movement.event === "DESPACHADO" ? (
                  <span className="inline-block rounded bg-violet-100 px-2 py-0.5 text-xs font-bold text-violet-900">DESPACHADO</span>
                ) : (
                  <StateBadge state={movement.event === "VENDIDO" ? "VENDIDO" : movement.state} />
                )}
              </Cell>
              <Cell label="Registrado por">
                {movement.agent.businessName}
                <span className="block text-xs text-slate-600">{movement.user.fullName}</span>
              </Cell>
              <Cell label="Detalle">
                {detail.length === 0 ? (
                  "—"
                ) : (
                  <ul className="space-y-0.5">
                    {detail.map((line, index) => (
                      <li key={index}>{line}</li>
                    ))}
                  </ul>
                )}
              </Cell>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
