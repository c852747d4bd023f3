"use client";

import { lazy } from "@/components/forms/lazy";
import { CsvImportForm } from "@/components/import/csv-import-form";
import { importTrucksAction } from "../actions";

const truckRules = lazy(async () => {
  const { MAX_TRUCK_IMPORT_ROWS, missingTruckColumns, validateTruckRows } = await import("@/lib/registry/truck-import");
  return { maxRows: MAX_TRUCK_IMPORT_ROWS, missingColumns: missingTruckColumns, validate: (rows: Parameters<typeof validateTruckRows>[0], firstRow: number) => validateTruckRows(rows, firstRow).errors };
});

export function TruckImportForm() {
  return (
    <CsvImportForm
      noun={{ one: "cisterna", many: "cisternas", feminine: true }}
      verb={{ infinitive: "inscribir", present: "inscribe", future: "inscribirá", progressive: "Inscribiendo", pastOne: "inscribió", pastMany: "inscribieron" }}
      fileLabel="Archivo CSV de cisternas"
      rules={truckRules}
      importRows={importTrucksAction}
      doneHref="/cisternas"
      doneLabel="Ver las Cisternas"
      preview={[
        { header: "Placa", cell: (row) => row.placa, kind: "code" },
        { header: "N° de registro", cell: (row) => row.numero_registro, kind: "code" },
        { header: "RUC del propietario", cell: (row) => row.ruc_propietario, kind: "code" },
        { header: "Capacidad (gal)", cell: (row) => row.capacidad_galones, kind: "number" },
        { header: "Vence el seguro", cell: (row) => row.vencimiento_seguro },
      ]}
    />
  );
}
