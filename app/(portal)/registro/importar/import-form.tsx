"use client";

import { lazy } from "@/components/forms/lazy";
import { CsvImportForm } from "@/components/import/csv-import-form";
import { AGENT_TYPE_LABELS, type AgentType } from "@/lib/registry/agent-types";
import { importAgentsAction } from "../actions";

const agentRules = lazy(async () => {
  const { MAX_IMPORT_ROWS, missingColumns, validateAgentRows } = await import("@/lib/registry/agent-import");
  return { maxRows: MAX_IMPORT_ROWS, missingColumns, validate: (rows: Parameters<typeof validateAgentRows>[0], firstRow: number) => validateAgentRows(rows, firstRow).errors };
});

export function ImportForm() {
  return (
    <CsvImportForm
      noun={{ one: "agente", many: "agentes", feminine: false }}
      verb={{ infinitive: "inscribir", present: "inscribe", future: "inscribirá", progressive: "Inscribiendo", pastOne: "inscribió", pastMany: "inscribieron" }}
      fileLabel="Archivo CSV de agentes"
      rules={agentRules}
      importRows={importAgentsAction}
      doneHref="/registro"
      doneLabel="Ver el Registro"
      preview={[
        { header: "Tipo", cell: (row) => AGENT_TYPE_LABELS[row.tipo?.toUpperCase() as AgentType] ?? row.tipo },
        { header: "Razón social", cell: (row) => row.razon_social },
        { header: "RUC", cell: (row) => row.ruc, kind: "code" },
        { header: "N° de registro", cell: (row) => row.numero_registro, kind: "code" },
        { header: "Ubicación", cell: (row) => [row.distrito, row.provincia, row.departamento].filter(Boolean).join(", ") },
        { header: "Capacidad (gal)", cell: (row) => row.capacidad_galones, kind: "number" },
      ]}
    />
  );
}
