"use client";

import Papa from "papaparse";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { CONNECTION_LOST, useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import { countOf } from "@/lib/plural";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import type { CsvRow, RowError } from "@/lib/registry/agent-import";
import { importAgentsAction } from "../actions";

/** The server's own row rules (and zod with them), loaded when a file is chosen. */
const importRules = lazy(() => import("@/lib/registry/agent-import"));

type Stage = { kind: "idle" } | { kind: "parsing"; percent: number } | { kind: "preview" } | { kind: "importing" } | { kind: "done"; imported: number };

const PREVIEW_ROWS = 100;

/**
 * Reads the file in the browser with papaparse, chunk by chunk (a progress bar for large files),
 * checks every row with the server's own rules and shows a preview with the errors; "Importar"
 * sends all rows in one action, which inscribes them in one transaction.
 */
export function ImportForm() {
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [fileName, setFileName] = useState("");
  const [rows, setRows] = useState<CsvRow[]>([]);
  const [errors, setErrors] = useState<RowError[]>([]);
  const action = useActionSubmit();

  function read(file: File) {
    setFileName(file.name);
    action.clear();
    setErrors([]);
    setRows([]);
    setStage({ kind: "parsing", percent: 0 });
    const parsed: CsvRow[] = [];
    let header: string[] | null = null;
    Papa.parse<CsvRow>(file, {
      header: true,
      skipEmptyLines: "greedy",
      transformHeader: (name) => name.trim().toLowerCase(),
      chunkSize: 64 * 1024,
      chunk: (results) => {
        header ??= results.meta.fields ?? [];
        parsed.push(...results.data);
        const cursor = results.meta.cursor;
        setStage({ kind: "parsing", percent: Math.min(99, Math.round((cursor / Math.max(file.size, 1)) * 100)) });
      },
      complete: async () => {
        let rules: Awaited<ReturnType<typeof importRules>>;
        try {
          rules = await importRules();
        } catch {
          action.setMessage(CONNECTION_LOST);
          setStage({ kind: "idle" });
          return;
        }
        const { MAX_IMPORT_ROWS, missingColumns, validateAgentRows } = rules;
        const missing = missingColumns(header ?? []);
        if (missing.length) {
          setErrors([{ row: 1, field: "Encabezado", message: `Faltan las columnas: ${missing.join(", ")}.` }]);
        } else if (parsed.length === 0) {
          setErrors([{ row: 1, field: "Archivo", message: "El archivo no tiene filas de agentes." }]);
        } else if (parsed.length > MAX_IMPORT_ROWS) {
          setErrors([{ row: 1, field: "Archivo", message: `El archivo tiene ${parsed.length} filas; el máximo es ${MAX_IMPORT_ROWS}.` }]);
        } else {
          setErrors(validateAgentRows(parsed).errors);
        }
        setRows(parsed);
        setStage({ kind: "preview" });
      },
      error: (error) => {
        action.setMessage(`No se pudo leer el archivo: ${error.message}`);
        setStage({ kind: "idle" });
      },
    });
  }

  async function importRows() {
    setStage({ kind: "importing" });
    const imported = await action.submit(
      async () => {
        const result = await importAgentsAction(rows, fileName);
        if (!result.ok && "rowErrors" in result) setErrors(result.rowErrors);
        return result;
      },
      (data) => setStage({ kind: "done", imported: data.imported }),
    );
    if (!imported) setStage({ kind: "preview" });
  }

  return (
    <div className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="csv-file" className="text-sm font-semibold text-slate-800">
          Archivo CSV de agentes
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) read(file);
          }}
          onFocus={() => void importRules().catch(() => undefined)}
        />
      </div>
      {stage.kind === "parsing" ? (
        <div>
          <p className="text-sm">Leyendo y validando {fileName}…</p>
          <progress aria-label="Progreso de lectura del archivo" max={100} value={stage.percent} className="w-full" />
        </div>
      ) : null}
      {stage.kind === "importing" ? (
        <div>
          <p className="text-sm">Inscribiendo {countOf(rows.length, "agente", "agentes")}…</p>
          <progress aria-label="Progreso de la importación" className="w-full" />
        </div>
      ) : null}
      <ErrorSummary action={action} />
      {stage.kind === "done" ? (
        <Alert tone="success" title={`${stage.imported === 1 ? "Se inscribió" : "Se inscribieron"} ${countOf(stage.imported, "agente", "agentes")} desde ${fileName}.`}>
          <ButtonLink href="/registro" variant="secondary" className="mt-2">
            Ver el Registro
          </ButtonLink>
        </Alert>
      ) : null}
      {stage.kind === "preview" && errors.length > 0 ? (
        <div className="space-y-2">
          <Alert tone="error" title={`El archivo tiene ${countOf(errors.length, "error", "errores")}: no se inscribirá ningún agente.`}>
            Corrija el archivo y vuelva a cargarlo.
          </Alert>
          <Table caption="Errores del archivo">
            <thead>
              <tr>
                <th scope="col">Fila</th>
                <th scope="col">Campo</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {errors.slice(0, 500).map((error, index) => (
                <tr key={index}>
                  <td>{error.row}</td>
                  <td>{error.field}</td>
                  <td>{error.message}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      ) : null}
      {stage.kind === "preview" && errors.length === 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          <p>
            {countOf(rows.length, "agente válido", "agentes válidos")} en {fileName}.
          </p>
          <Button onClick={importRows}>Importar {countOf(rows.length, "agente", "agentes")}</Button>
        </div>
      ) : null}
      {(stage.kind === "preview" || stage.kind === "importing") && rows.length > 0 ? (
        <Table caption="Vista previa del archivo">
          <thead>
            <tr>
              <th scope="col">Fila</th>
              <th scope="col">Tipo</th>
              <th scope="col">Razón social</th>
              <th scope="col">RUC</th>
              <th scope="col">N° de registro</th>
              <th scope="col">Ubicación</th>
              <th scope="col">Capacidad (gal)</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, PREVIEW_ROWS).map((row, index) => (
              <tr key={index} className={errors.some((error) => error.row === index + 2) ? "bg-red-50" : undefined}>
                <td>{index + 2}</td>
                <td>{AGENT_TYPE_LABELS[row.tipo?.toUpperCase() as AgentType] ?? row.tipo}</td>
                <td>{row.razon_social}</td>
                <td className="font-mono">{row.ruc}</td>
                <td className="font-mono">{row.numero_registro}</td>
                <td>{[row.distrito, row.provincia, row.departamento].filter(Boolean).join(", ")}</td>
                <td className="text-right">{row.capacidad_galones}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {rows.length > PREVIEW_ROWS && stage.kind === "preview" ? <p className="text-sm text-slate-600">Se muestran las primeras {PREVIEW_ROWS} filas de {rows.length}.</p> : null}
    </div>
  );
}
