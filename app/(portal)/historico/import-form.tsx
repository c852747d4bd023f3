"use client";

import { CsvImportForm } from "@/components/import/csv-import-form";
import { MAX_LEGACY_SCREEN_ROWS, missingLegacyColumns, validateLegacyRows } from "@/lib/legacy/legacy-csv";
import { importLegacyAction } from "./actions";

export function LegacyImportForm() {
  return (
    <CsvImportForm
      noun={{ one: "orden", many: "órdenes" }}
      verb={{ infinitive: "importar", present: "importa", future: "importará", progressive: "Importando", past: "importaron" }}
      fileLabel="Archivo CSV de órdenes del SCOP anterior"
      maxRows={MAX_LEGACY_SCREEN_ROWS}
      missingColumns={missingLegacyColumns}
      validate={(rows, firstRow) => validateLegacyRows(rows, new Date(), firstRow).errors}
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
