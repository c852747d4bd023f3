import { Table } from "@/components/ui/table";

export interface CsvColumn {
  column: string;
  label: string;
  help: string;
}

/** "Columnas del archivo": what each column of an import file holds, under the import form. */
export function CsvColumns({ columns, caption, children }: { columns: readonly CsvColumn[]; caption: string; children: React.ReactNode }) {
  return (
    <section className="space-y-2">
      <h2 className="text-xl font-bold text-scop-800">Columnas del archivo</h2>
      <p className="text-sm text-slate-600">{children}</p>
      <Table caption={caption}>
        <thead>
          <tr>
            <th scope="col">Columna</th>
            <th scope="col">Dato</th>
            <th scope="col">Formato</th>
          </tr>
        </thead>
        <tbody>
          {columns.map((column) => (
            <tr key={column.column}>
              <td className="font-mono">{column.column}</td>
              <td>{column.label}</td>
              <td>{column.help}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
