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
        { header: "Código", cell: (row) => row.codigo, className: "font-mono" },
        { header: "Comprador (RUC)", cell: (row) => row.ruc_comprador, className: "font-mono" },
        { header: "Vendedor (RUC)", cell: (row) => row.ruc_vendedor, className: "font-mono" },
        { header: "Volumen (gal)", cell: (row) => row.volumen_solicitado, className: "text-right" },
        { header: "Estado", cell: (row) => row.estado },
        { header: "Movimientos", cell: (row) => row.movimientos, className: "text-xs" },
      ]}
    />
  );
}
