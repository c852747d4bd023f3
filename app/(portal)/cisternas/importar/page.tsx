import { CsvColumns } from "@/components/import/csv-columns";
import { PageHeader } from "@/components/ui/page-header";
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
      <CsvColumns columns={TRUCK_CSV_COLUMNS} caption="Columnas del archivo CSV de cisternas">
        La primera fila lleva los nombres de columna, exactamente como se indican. Todas son obligatorias.
      </CsvColumns>
    </div>
  );
}
