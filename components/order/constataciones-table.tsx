import { ACTIVITY_LABELS, type ConstatacionActivity } from "@/lib/constataciones/activities";
import { plateKey } from "@/lib/constataciones/plate";
import type { ConstatacionRow } from "@/lib/constataciones/queries";
import { formatLimaDateTime } from "@/lib/time";
import { Table } from "@/components/ui/table";
import { StateBadge } from "./state-badge";

/**
 * The constataciones of an order, for the regulator: what was seen, where, when, which plate,
 * and the order's state at that instant. A plate that is not one of the order's lots' (once it has
 * lots) is marked.
 */
export function ConstatacionesTable({ constataciones, lotPlates }: { constataciones: ConstatacionRow[]; lotPlates: string[] }) {
  if (constataciones.length === 0) return <p className="text-slate-600">No hay constataciones registradas para esta orden.</p>;
  const known = new Set(lotPlates.map(plateKey));
  return (
    <Table caption="Constataciones de la orden">
      <thead>
        <tr>
          <th>Fecha y hora</th>
          <th>Lugar</th>
          <th>Placa</th>
          <th>Lo que se vio</th>
          <th>Estado de la orden en ese momento</th>
          <th>Inspector</th>
          <th>Registrada</th>
        </tr>
      </thead>
      <tbody>
        {constataciones.map((row) => (
          <tr key={row.id}>
            <td className="whitespace-nowrap">{formatLimaDateTime(row.observedAt)}</td>
            <td className="min-w-40">
              {row.place}
              {row.observations ? <span className="block text-xs text-slate-600">{row.observations}</span> : null}
            </td>
            <td className="whitespace-nowrap font-mono">
              {row.plate}
              {lotPlates.length > 0 && !known.has(plateKey(row.plate)) ? <span className="block font-sans text-xs text-amber-800">no figura en los lotes</span> : null}
            </td>
            <td>{ACTIVITY_LABELS[row.activity as ConstatacionActivity] ?? row.activity}</td>
            <td>
              {row.orderState ? <StateBadge state={row.orderState} /> : <span className="text-amber-800">La orden aún no estaba registrada</span>}
              {row.activity === "DESCARGANDO" && row.orderState === "SOLICITADO" ? (
                <span className="mt-1 block text-xs font-semibold text-red-800">Incumplimiento del vendedor: descargaba sin venta registrada</span>
              ) : null}
            </td>
            <td>{row.user.fullName}</td>
            <td className="whitespace-nowrap">{formatLimaDateTime(row.recordedAt)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
