import { CsvColumns } from "@/components/import/csv-columns";
import { PageHeader } from "@/components/ui/page-header";
import { Table } from "@/components/ui/table";
import { requirePage } from "@/lib/next/session";
import { database } from "@/lib/next/context";
import { LEGACY_CSV_COLUMNS, MAX_LEGACY_SCREEN_ROWS } from "@/lib/legacy/legacy-csv";
import { formatLimaDateTime } from "@/lib/time";
import { LegacyImportForm } from "./import-form";

export const metadata = { title: "Historial del SCOP anterior" };

/** The import of historical orders from the legacy SCOP, and the imports made so far. */
export default async function LegacyPage() {
  await requirePage("/historico");
  const imports = await database().transaction((tx) =>
    tx.legacyImport.findMany({ orderBy: { id: "desc" }, take: 50, include: { user: { select: { username: true, fullName: true } } } }),
  );
  return (
    <div className="space-y-6">
      <PageHeader
        title="Historial del SCOP anterior"
        description={`Importe órdenes de pedido finalizadas del SCOP anterior con sus movimientos (CSV, UTF-8, separado por comas, hasta ${MAX_LEGACY_SCREEN_ROWS.toLocaleString("es-PE")} filas en esta pantalla; para archivos mayores use npm run import:legacy). Se importa todo el archivo o nada. Sus códigos se conservan tal como se emitieron, se encuentran en todas las consultas y se marcan como «Código SCOP anterior»; este portal nunca emite un código ya importado.`}
      />
      <p>
        <a href="/plantilla-historico.csv" download className="font-semibold text-scop-700 underline">
          Descargar plantilla con ejemplos (plantilla-historico.csv)
        </a>
      </p>
      <LegacyImportForm />
      <section className="space-y-2">
        <h2 className="text-xl font-bold text-scop-800">Importaciones realizadas</h2>
        <Table caption="Importaciones del SCOP anterior">
          <thead>
            <tr>
              <th scope="col">N°</th>
              <th scope="col">Fecha y hora</th>
              <th scope="col">Archivo</th>
              <th scope="col" className="text-right">
                Órdenes
              </th>
              <th scope="col">Usuario</th>
            </tr>
          </thead>
          <tbody>
            {imports.length === 0 ? (
              <tr>
                <td colSpan={5} className="text-slate-600">
                  Aún no se importó historial.
                </td>
              </tr>
            ) : (
              imports.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.id}</td>
                  <td className="whitespace-nowrap">{formatLimaDateTime(entry.importedAt)}</td>
                  <td className="font-mono">{entry.fileName}</td>
                  <td className="text-right">{entry.orders.toLocaleString("es-PE")}</td>
                  <td>{entry.user.fullName}</td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      </section>
      <CsvColumns columns={LEGACY_CSV_COLUMNS} caption="Columnas del archivo CSV del SCOP anterior">
        Una fila por orden. La primera fila lleva los nombres de columna, exactamente como se indican; las opcionales pueden quedar vacías. Los compradores, vendedores y plantas deben estar inscritos en el Registro con el mismo RUC y número de registro.
      </CsvColumns>
    </div>
  );
}
