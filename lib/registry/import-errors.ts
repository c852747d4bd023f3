/**
 * What every all-or-nothing CSV import shares (agents, trucks, the legacy SCOP's orders): a row
 * as parsed, a refused row's error, and the refusal carrying them all. Kept apart from the
 * schemas so that a module importing it loads nothing else (the demo seed, the CLI scripts).
 */
import { DomainError } from "@/lib/errors";

export type CsvRow = Record<string, string>;

export interface RowError {
  /** the line in the file (the header is line 1) */
  row: number;
  field: string;
  message: string;
}

/** A refused import: every row's errors; nothing was written. `nothing` says what was not written. */
export class ImportRejected extends DomainError {
  constructor(
    readonly rowErrors: RowError[],
    nothing = "ningún agente",
    verb = "se inscribió",
  ) {
    super("invalid", "IMPORTACION_RECHAZADA", `El archivo tiene ${rowErrors.length} ${rowErrors.length === 1 ? "error" : "errores"}: no ${verb} ${nothing}.`);
  }
}

