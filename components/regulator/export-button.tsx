"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Downloads the whole filtered result as CSV, showing how many rows have arrived: the export of
 * a national month can be hundreds of thousands of rows.
 */
export function ExportButton({ query }: { query: string }) {
  const [progress, setProgress] = useState<{ rows: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setError(null);
    setProgress({ rows: 0, total: 0 });
    try {
      const response = await fetch(`/regulador/movimientos/exportar?${query}`);
      if (!response.ok || !response.body) throw new Error(await response.text());
      const total = Number(response.headers.get("x-total-count") ?? 0);
      const reader = response.body.getReader();
      const chunks: Uint8Array[] = [];
      let newlines = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        for (const byte of value) if (byte === 10) newlines++;
        setProgress({ rows: Math.max(0, newlines - 1), total });
      }
      const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "text/csv" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "movimientos.csv";
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
        {progress ? "Exportando…" : "Exportar CSV"}
      </Button>
      {progress ? (
        <span role="status" className="text-sm text-slate-700">
          {progress.rows.toLocaleString("es-PE")} de {progress.total.toLocaleString("es-PE")} filas
          <progress className="ml-2 align-middle" max={progress.total || 1} value={progress.rows} />
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
