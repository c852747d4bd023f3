import { LegacyCodeBadge } from "@/components/order/legacy-code-badge";
import { RowLink } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { MAX_OVERLOADS, type TruckOverload } from "@/lib/regulator/compliance/truck-overloads";
import { formatDay } from "@/lib/time";
import { formatGallons } from "@/lib/volume";

/** Cumplimiento's finding: trucks that loaded more than their capacity on one Lima day, across orders. */
export function TruckOverloadsSection({ total, overloads }: { total: number; overloads: TruckOverload[] }) {
  return (
    <section aria-labelledby="sobrecargas" className="space-y-3">
      <h2 id="sobrecargas" className="text-lg font-bold text-scop-800">
        Cisternas cargadas por encima de su capacidad
      </h2>
      <p className="text-sm text-slate-700">
        Por cisterna registrada y día de Lima: la suma de los lotes que cargó (en flujo a el día de la venta, en flujo b el del despacho) supera
        su capacidad inscrita. Cuenta contra el propietario de la cisterna. Una cisterna puede hacer varios viajes en un día: verifique los
        lotes con sus guías de remisión.
      </p>
      {overloads.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-slate-700">Ninguna cisterna cargó más que su capacidad en un día del periodo.</p>
      ) : (
        <Table caption="Cisternas cargadas por encima de su capacidad">
          <thead>
            <tr>
              <th scope="col">Día</th>
              <th scope="col">Cisterna</th>
              <th scope="col">Propietario</th>
              <th scope="col" className="text-right">
                Capacidad (gal)
              </th>
              <th scope="col" className="text-right">
                Cargado (gal)
              </th>
              <th scope="col" className="text-right">
                Exceso (gal)
              </th>
              <th scope="col">Lotes</th>
            </tr>
          </thead>
          <tbody>
            {overloads.map((row) => (
              <tr key={`${row.truckId}-${row.day}`}>
                <td className="whitespace-nowrap">{formatDay(row.day)}</td>
                <td className="whitespace-nowrap">
                  <RowLink href={`/cisternas/${row.truckId}?desde=${row.day}&hasta=${row.day}`}>{row.plate}</RowLink>
                  <span className="block text-xs text-slate-600">Reg. {row.registryNumber}</span>
                </td>
                <td>
                  {row.owner.businessName}
                  <span className="block text-xs text-slate-600">RUC {row.owner.ruc}</span>
                </td>
                <td className="text-right">{formatGallons(row.capacity)}</td>
                <td className="text-right font-semibold">{formatGallons(row.loaded)}</td>
                <td className="text-right font-semibold text-red-800">{formatGallons(row.loaded - row.capacity)}</td>
                <td>
                  <ul className="space-y-1">
                    {row.lots.map((lot) => (
                      <li key={`${lot.code}-${lot.position}`} className="whitespace-nowrap">
                        <RowLink href={`/verificacion?code=${lot.code}`}>{lot.code}</RowLink>
                        {lot.legacy ? <LegacyCodeBadge /> : null} · lote {lot.position} · {formatGallons(lot.volume)} gal
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {total > MAX_OVERLOADS ? <p className="text-sm text-slate-600">Se muestran {MAX_OVERLOADS} de {total} hallazgos: acote el periodo.</p> : null}
    </section>
  );
}
