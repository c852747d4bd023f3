import type { OrderDetail } from "@/lib/orders/queries";
import { formatLimaDateTime } from "@/lib/time";
import { Table } from "@/components/ui/table";
import { StateBadge } from "./state-badge";

/** "Ver Mov.": every state the order went through, when, and who recorded it. */
export function MovementsTable({ order }: { order: Pick<OrderDetail, "movements"> }) {
  return (
    <Table caption="Movimientos de la orden">
      <thead>
        <tr>
          <th>Fecha Movimiento</th>
          <th>Estado</th>
          <th>Registrado por</th>
          <th>Detalle</th>
        </tr>
      </thead>
      <tbody>
        {order.movements.map((movement) => (
          <tr key={movement.id}>
            <td className="whitespace-nowrap">{formatLimaDateTime(movement.occurredAt)}</td>
            <td>
              {movement.event === "DESPACHADO" ? <span className="inline-block rounded bg-violet-100 px-2 py-0.5 text-xs font-bold text-violet-900">DESPACHADO</span> : <StateBadge state={movement.event === "VENDIDO" ? "VENDIDO" : movement.state} />}
            </td>
            <td>
              {movement.agent.businessName}
              <span className="block text-xs text-slate-600">{movement.user.fullName}</span>
            </td>
            <td>{movement.detail ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
