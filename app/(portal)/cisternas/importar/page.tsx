import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { requirePage } from "@/lib/next/session";
import { MAX_TRUCK_IMPORT_ROWS, TRUCK_CSV_COLUMNS } from "@/lib/registry/truck-import";
import { TruckImportForm } from "./import-form";

export const metadata = { title: "Importar Cisternas" };

export default async function TruckImportPage() {
  await requirePage("/cisternas/importar");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Importar Cisternas (CSV)"
        description={`Inscriba varias cisternas a la vez desde un archivo CSV (UTF-8, separado por comas, hasta ${MAX_TRUCK_IMPORT_ROWS.toLocaleString("es-PE")} filas). Si alguna fila tiene errores no se inscribe ninguna: corrija el archivo y vuelva a cargarlo. Cada cisterna queda VIGENTE.`}
      />
      <p>
        <a href="/plantilla-cisternas.csv" download className="font-semibold text-scop-700 underline">
          Descargar plantilla (plantilla-cisternas.csv)
        </a>
      </p>
      <TruckImportForm />
      <section className="space-y-2">
        <h2 className="text-xl font-bold text-scop-800">Columnas del archivo</h2>
        <p className="text-sm text-slate-600">La primera fila lleva los nombres de columna, exactamente como se indican. Todas son obligatorias.</p>
        <Table caption="Columnas del archivo CSV de cisternas">
          <thead>
            <tr>
              <th scope="col">Columna</th>
              <th scope="col">Dato</th>
              <th scope="col">Formato</th>
            </tr>
          </thead>
          <tbody>
            {TRUCK_CSV_COLUMNS.map((column) => (
              <tr key={column.column}>
                <td className="font-mono">{column.column}</td>
                <td>{column.label}</td>
                <td>{column.help}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
    </div>
  );
}
