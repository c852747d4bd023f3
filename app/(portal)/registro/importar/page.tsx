import { CsvColumns } from "@/components/import/csv-columns";
import { PageHeader } from "@/components/ui/page-header";
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
      <CsvColumns columns={CSV_COLUMNS} caption="Columnas del archivo CSV">
        La primera fila lleva los nombres de columna, exactamente como se indican. Todas son obligatorias salvo las marcadas como opcionales.
      </CsvColumns>
    </div>
  );
}
