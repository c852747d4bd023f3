"use client";

import { CsvImportForm } from "@/components/import/csv-import-form";
import { MAX_TRUCK_IMPORT_ROWS, missingTruckColumns, validateTruckRows } from "@/lib/registry/truck-import";
import { importTrucksAction } from "../actions";

export function TruckImportForm() {
  return (
    <CsvImportForm
      noun={{ one: "cisterna", many: "cisternas" }}
      verb={{ infinitive: "inscribir", present: "inscribe", future: "inscribirá", progressive: "Inscribiendo", past: "inscribieron" }}
      fileLabel="Archivo CSV de cisternas"
      maxRows={MAX_TRUCK_IMPORT_ROWS}
      missingColumns={missingTruckColumns}
      validate={(rows, firstRow) => validateTruckRows(rows, firstRow).errors}
      importRows={importTrucksAction}
      doneHref="/cisternas"
      doneLabel="Ver las Cisternas"
      preview={[
        { header: "Placa", cell: (row) => row.placa, className: "font-mono" },
        { header: "N° de registro", cell: (row) => row.numero_registro, className: "font-mono" },
        { header: "RUC del propietario", cell: (row) => row.ruc_propietario, className: "font-mono" },
        { header: "Capacidad (gal)", cell: (row) => row.capacidad_galones, className: "text-right" },
        { header: "Vence el seguro", cell: (row) => row.vencimiento_seguro },
      ]}
    />
  );
}
