"use client";

import Papa from "papaparse";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { CONNECTION_LOST, useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Table } from "@/components/ui/table";
import type { CsvRow, RowError } from "@/lib/registry/import-errors";

type Stage =
  | { kind: "idle" }
  | { kind: "parsing"; percent: number }
  | { kind: "checking"; done: number; total: number }
  | { kind: "preview" }
  | { kind: "importing" }
  | { kind: "done"; imported: number };

export type ImportAnswer = { ok: true; data: { imported: number } } | { ok: false; message: string; rowErrors?: RowError[] };

/** The server's own rules of a file, without the database. */
export interface ImportRules {
  maxRows: number;
  missingColumns: (header: string[]) => string[];
  /** the checks of a slice of rows, numbered from `firstRow` */
  validate: (rows: CsvRow[], firstRow: number) => RowError[];
}

export interface CsvImportProps {
  /** what is imported, singular and plural ("cisterna", "cisternas"), and its gender for "válidas" */
  noun: { one: string; many: string; feminine: boolean };
  fileLabel: string;
  /** loaded when a file is first focused or chosen (see components/forms/lazy.ts): the rules bring zod */
  rules: () => Promise<ImportRules>;
  /** the preview's columns: `code` for identifiers (monospace), `number` for quantities (right-aligned) */
  preview: { header: string; cell: (row: CsvRow) => React.ReactNode; kind?: "code" | "number" }[];
  importRows: (rows: CsvRow[], fileName: string) => Promise<ImportAnswer>;
  doneHref: string;
  doneLabel: string;
  /** "inscribir" / "importar", and the forms the messages need */
  verb: { infinitive: string; present: string; future: string; progressive: string; pastOne: string; pastMany: string };
}

const PREVIEW_ROWS = 100;
const CHECK_SLICE = 2_000;

/**
 * Reads a CSV file in the browser with papaparse, chunk by chunk, checks every row with the
 * server's own rules (a progress bar for both, so a large file shows how far it got) and shows a
 * preview with every refused row; "Importar" sends all rows in one server action, which writes
 * them in one transaction — or none, answering with the refused rows.
 */
export function CsvImportForm(props: CsvImportProps) {
  const { noun, verb } = props;
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [fileName, setFileName] = useState("");
  const [rows, setRows] = useState<CsvRow[]>([]);
  const [errors, setErrors] = useState<RowError[]>([]);
  const action = useActionSubmit();

  async function check(rules: ImportRules, parsed: CsvRow[]) {
    const found: RowError[] = [];
    for (let start = 0; start < parsed.length; start += CHECK_SLICE) {
      found.push(...rules.validate(parsed.slice(start, start + CHECK_SLICE), start + 2));
      setStage({ kind: "checking", done: Math.min(start + CHECK_SLICE, parsed.length), total: parsed.length });
      // Let the browser paint the progress between slices.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    return found;
  }

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
        setStage({ kind: "parsing", percent: Math.min(99, Math.round((results.meta.cursor / Math.max(file.size, 1)) * 100)) });
      },
      complete: () => {
        void (async () => {
          let rules: ImportRules;
          try {
            rules = await props.rules();
          } catch {
            action.setMessage(CONNECTION_LOST);
            setStage({ kind: "idle" });
            return;
          }
          const missing = rules.missingColumns(header ?? []);
          if (missing.length) setErrors([{ row: 1, field: "Encabezado", message: `Faltan las columnas: ${missing.join(", ")}.` }]);
          else if (parsed.length === 0) setErrors([{ row: 1, field: "Archivo", message: `El archivo no tiene filas de ${noun.many}.` }]);
          else if (parsed.length > rules.maxRows) {
            setErrors([{ row: 1, field: "Archivo", message: `El archivo tiene ${parsed.length.toLocaleString("es-PE")} filas; el máximo en esta pantalla es ${rules.maxRows.toLocaleString("es-PE")}.` }]);
          } else setErrors(await check(rules, parsed));
          setRows(parsed);
          setStage({ kind: "preview" });
        })();
      },
      error: (error) => {
        action.setMessage(`No se pudo leer el archivo: ${error.message}`);
        setStage({ kind: "idle" });
      },
    });
  }

  /** A refusal (with its refused rows) or a lost connection returns to the preview, its message above it. */
  async function importRows() {
    setStage({ kind: "importing" });
    const imported = await action.submit(
      async () => {
        const result = await props.importRows(rows, fileName);
        if (!result.ok && result.rowErrors) setErrors(result.rowErrors);
        return result;
      },
      (data) => setStage({ kind: "done", imported: data.imported }),
    );
    if (!imported) setStage({ kind: "preview" });
  }

  const refusedRows = new Set(errors.map((error) => error.row));
  const count = (n: number) => `${n.toLocaleString("es-PE")} ${n === 1 ? noun.one : noun.many}`;

  return (
    <div className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <div className="flex flex-col gap-1">
        <label htmlFor="csv-file" className="text-sm font-semibold text-slate-800">
          {props.fileLabel}
        </label>
        <input
          id="csv-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) read(file);
          }}
          onFocus={() => void props.rules().catch(() => undefined)}
        />
      </div>
      {stage.kind === "parsing" ? (
        <div>
          <p className="text-sm">Leyendo {fileName}…</p>
          <progress aria-label="Progreso de lectura del archivo" max={100} value={stage.percent} className="w-full" />
        </div>
      ) : null}
      {stage.kind === "checking" ? (
        <div>
          <p className="text-sm">
            Validando fila {stage.done.toLocaleString("es-PE")} de {stage.total.toLocaleString("es-PE")}…
          </p>
          <progress aria-label="Progreso de la validación" max={stage.total} value={stage.done} className="w-full" />
        </div>
      ) : null}
      {stage.kind === "importing" ? (
        <div>
          <p className="text-sm">
            {verb.progressive} {count(rows.length)} en una sola transacción…
          </p>
          <progress aria-label="Progreso de la importación" className="w-full" />
        </div>
      ) : null}
      <ErrorSummary action={action} />
      {stage.kind === "done" ? (
        <Alert tone="success" title={`Se ${stage.imported === 1 ? verb.pastOne : verb.pastMany} ${count(stage.imported)} desde ${fileName}.`}>
          <ButtonLink href={props.doneHref} variant="secondary" className="mt-2">
            {props.doneLabel}
          </ButtonLink>
        </Alert>
      ) : null}
      {stage.kind === "preview" && errors.length > 0 ? (
        <div className="space-y-2">
          <Alert
            tone="error"
            title={`El archivo tiene ${errors.length.toLocaleString("es-PE")} ${errors.length === 1 ? "error" : "errores"} en ${refusedRows.size.toLocaleString("es-PE")} ${refusedRows.size === 1 ? "fila" : "filas"}: no se ${verb.future} ninguna fila.`}
          >
            Corrija el archivo y vuelva a cargarlo: se {verb.present} todo el archivo o nada.
          </Alert>
          <Table caption="Filas rechazadas">
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
          {errors.length > 500 ? <p className="text-sm text-slate-600">Se muestran los primeros 500 errores.</p> : null}
        </div>
      ) : null}
      {stage.kind === "preview" && errors.length === 0 ? (
        <div className="flex flex-wrap items-center gap-3">
          <p>
            {count(rows.length)} {noun.feminine ? "válida" : "válido"}
            {rows.length === 1 ? "" : "s"} en {fileName}.
          </p>
          <Button onClick={() => void importRows()}>
            {verb.infinitive.charAt(0).toUpperCase() + verb.infinitive.slice(1)} {count(rows.length)}
          </Button>
        </div>
      ) : null}
      {(stage.kind === "preview" || stage.kind === "importing") && rows.length > 0 ? (
        <Table caption="Vista previa del archivo">
          <thead>
            <tr>
              <th scope="col">Fila</th>
              {props.preview.map((column) => (
                <th key={column.header} scope="col" className={column.kind === "number" ? "text-right" : undefined}>
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, PREVIEW_ROWS).map((row, index) => (
              <tr key={index} className={refusedRows.has(index + 2) ? "bg-red-50" : undefined}>
                <td>{index + 2}</td>
                {props.preview.map((column) => (
                  <td key={column.header} className={column.kind === "number" ? "text-right" : column.kind === "code" ? "font-mono" : undefined}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {rows.length > PREVIEW_ROWS && stage.kind === "preview" ? <p className="text-sm text-slate-600">Se muestran las primeras {PREVIEW_ROWS} filas de {rows.length.toLocaleString("es-PE")}.</p> : null}
    </div>
  );
}
