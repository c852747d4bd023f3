"use client";

import { lazy } from "@/components/forms/lazy";
import { CsvImportForm } from "@/components/import/csv-import-form";
import { importLegacyAction } from "./actions";

const legacyRules = lazy(async () => {
  const { MAX_LEGACY_SCREEN_ROWS, missingLegacyColumns, validateLegacyRows } = await import("@/lib/legacy/legacy-csv");
  return {
    maxRows: MAX_LEGACY_SCREEN_ROWS,
    missingColumns: missingLegacyColumns,
    validate: (rows: Parameters<typeof validateLegacyRows>[0], firstRow: number) => validateLegacyRows(rows, new Date(), firstRow).errors,
  };
});

export function LegacyImportForm() {
  return (
    <CsvImportForm
      noun={{ one: "orden", many: "órdenes", feminine: true }}
      verb={{ infinitive: "importar", present: "importa", future: "importará", progressive: "Importando", pastOne: "importó", pastMany: "importaron" }}
      fileLabel="Archivo CSV de órdenes del SCOP anterior"
      rules={legacyRules}
      importRows={importLegacyAction}
      doneHref="/regulador/movimientos"
      doneLabel="Ver en Movimientos"
      preview={[
        { header: "Código", cell: (row) => row.codigo, kind: "code" },
        { header: "Comprador (RUC)", cell: (row) => row.ruc_comprador, kind: "code" },
        { header: "Vendedor (RUC)", cell: (row) => row.ruc_vendedor, kind: "code" },
        { header: "Volumen (gal)", cell: (row) => row.volumen_solicitado, kind: "number" },
        { header: "Estado", cell: (row) => row.estado },
        { header: "Movimientos", cell: (row) => row.movimientos },
      ]}
    />
  );
}
