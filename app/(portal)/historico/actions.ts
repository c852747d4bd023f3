"use server";

import { revalidatePath } from "next/cache";
import { importLegacyOrders } from "@/lib/legacy/legacy-import";
import { MAX_LEGACY_SCREEN_ROWS } from "@/lib/legacy/legacy-csv";
import { ImportRejected, type CsvRow, type RowError } from "@/lib/registry/import-errors";
import { runAction, type ActionResult } from "@/lib/next/action";
import { database } from "@/lib/next/context";
import { auditActorOf } from "@/lib/next/request";

export type LegacyImportResult = ActionResult<{ imported: number }> | { ok: false; message: string; rowErrors: RowError[] };

/** Imports historical orders of the legacy SCOP, all or nothing (ADMINISTRADOR only). */
export async function importLegacyAction(rows: CsvRow[], fileName: string): Promise<LegacyImportResult> {
  let rowErrors: RowError[] | null = null;
  const result = await runAction("importLegacyAction", async (user) => {
    if (!Array.isArray(rows) || rows.length > MAX_LEGACY_SCREEN_ROWS) {
      throw new ImportRejected([{ row: 1, field: "Archivo", message: `En esta pantalla se importan hasta ${MAX_LEGACY_SCREEN_ROWS} filas: use npm run import:legacy para archivos mayores.` }], "ninguna orden", "se importó");
    }
    try {
      const { imported } = await importLegacyOrders(database(), await auditActorOf(user), rows, String(fileName));
      return { imported };
    } catch (error) {
      if (error instanceof ImportRejected) rowErrors = error.rowErrors;
      throw error;
    }
  });
  if (!result.ok && rowErrors) return { ok: false, message: result.message, rowErrors };
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
