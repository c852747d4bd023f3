import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { requirePage } from "@/lib/next/session";
import { CSV_COLUMNS, MAX_IMPORT_ROWS } from "@/lib/registry/agent-import";
import { ImportForm } from "./import-form";

export const metadata = { title: "Importar Agentes" };

export default async function ImportPage() {
  await requirePage("/registro/importar");
  return (
    <div className="space-y-6">
      <PageHeader
        title="Importar Agentes (CSV)"
        description={`Inscriba varios agentes a la vez desde un archivo CSV (UTF-8, separado por comas, hasta ${MAX_IMPORT_ROWS.toLocaleString("es-PE")} filas). Si alguna fila tiene errores no se inscribe ninguno: corrija el archivo y vuelva a cargarlo.`}
      />
      <p>
        <a href="/plantilla-agentes.csv" download className="font-semibold text-scop-700 underline">
          Descargar plantilla (plantilla-agentes.csv)
        </a>
      </p>
      <ImportForm />
      <section className="space-y-2">
        <h2 className="text-xl font-bold text-scop-800">Columnas del archivo</h2>
        <p className="text-sm text-slate-600">La primera fila lleva los nombres de columna, exactamente como se indican. Todas son obligatorias salvo las marcadas como opcionales.</p>
        <Table caption="Columnas del archivo CSV">
          <thead>
            <tr>
              <th scope="col">Columna</th>
              <th scope="col">Dato</th>
              <th scope="col">Formato</th>
            </tr>
          </thead>
          <tbody>
            {CSV_COLUMNS.map((column) => (
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
