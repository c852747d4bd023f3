"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { countOf } from "@/lib/plural";

const FORMATS = {
  csv: { label: "Exportar CSV", path: "/regulador/movimientos/exportar", type: "text/csv", fallbackName: "movimientos.csv" },
  xlsx: {
    label: "Exportar Excel",
    path: "/regulador/movimientos/exportar/excel",
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    fallbackName: "movimientos.xlsx",
  },
} as const;

export type ExportFormat = keyof typeof FORMATS;

interface Progress {
  /** rows to expect, once the server has answered */
  total: number | null;
  /** CSV rows received so far (counted by their line ends) */
  rows: number;
  bytes: number;
}

const megabytes = (bytes: number) => (bytes / 1_048_576).toLocaleString("es-PE", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * Downloads the whole filtered result as CSV or Excel, showing how much has arrived: the export
 * of a national month can be hundreds of thousands of rows. A CSV's rows are counted as they
 * arrive; an Excel file is compressed, so its progress is shown in megabytes received.
 */
export function ExportButton({ query, format }: { query: string; format: ExportFormat }) {
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { label, path, type, fallbackName } = FORMATS[format];

  async function download() {
    setError(null);
    setProgress({ total: null, rows: 0, bytes: 0 });
    try {
      const response = await fetch(`${path}?${query}`);
      if (!response.ok || !response.body) throw new Error(await response.text());
      const total = Number(response.headers.get("x-total-count") ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let newlines = 0;
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        if (format === "csv") for (const byte of value) if (byte === 10) newlines++;
        setProgress({ total, rows: Math.max(0, newlines - 1), bytes });
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type }));
      const link = document.createElement("a");
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
      link.click();
      URL.revokeObjectURL(url);
    } catch (caught) {
      setError(caught instanceof Error && caught.message ? caught.message : "No se pudo exportar. Intente nuevamente.");
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" onClick={download} disabled={progress !== null}>
        {progress ? "Exportando…" : label}
      </Button>
      {progress && progress.total === null ? (
        <span role="status" className="text-sm text-slate-700">
          Preparando el archivo…
        </span>
      ) : null}
      {progress && progress.total !== null && format === "csv" ? (
        <span role="status" className="text-sm text-slate-700">
          {progress.rows.toLocaleString("es-PE")} de {countOf(progress.total, "fila", "filas")}
          <progress className="ml-2 align-middle" max={progress.total || 1} value={progress.rows} />
        </span>
      ) : null}
      {progress && progress.total !== null && format === "xlsx" ? (
        <span role="status" className="text-sm text-slate-700">
          Excel de {countOf(progress.total, "fila", "filas")}: {megabytes(progress.bytes)} MB recibidos
          <progress className="ml-2 align-middle" />
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}
