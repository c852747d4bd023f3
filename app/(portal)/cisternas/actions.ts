"use server";

import { revalidatePath } from "next/cache";
import { ImportRejected, type CsvRow, type RowError } from "@/lib/registry/import-errors";
import { importTrucks } from "@/lib/registry/truck-import";
import type { TruckInput, TruckStatusInput } from "@/lib/registry/truck-schema";
import { changeTruckStatus, createTruck, updateTruck } from "@/lib/registry/trucks";
import { runAction, type ActionResult } from "@/lib/next/action";
import { database } from "@/lib/next/context";
import { auditActorOf } from "@/lib/next/request";

// The truck registry: ADMINISTRADOR only (runAction); every service parses its input again with
// the zod schema the forms use.

export async function createTruckAction(input: TruckInput) {
  const result = await runAction("createTruckAction", async (user) => createTruck(database(), await auditActorOf(user), input));
  if (result.ok) revalidatePath("/cisternas");
  return result;
}

export async function updateTruckAction(id: number, input: TruckInput) {
  const result = await runAction("updateTruckAction", async (user) => updateTruck(database(), await auditActorOf(user), id, input));
  if (result.ok) revalidatePath("/cisternas", "layout");
  return result;
}

export async function changeTruckStatusAction(input: TruckStatusInput) {
  const result = await runAction("changeTruckStatusAction", async (user) => changeTruckStatus(database(), await auditActorOf(user), input));
  if (result.ok) revalidatePath("/cisternas", "layout");
  return result;
}

export type TruckImportResult = ActionResult<{ imported: number }> | { ok: false; message: string; rowErrors: RowError[] };

export async function importTrucksAction(rows: CsvRow[], fileName: string): Promise<TruckImportResult> {
  let rowErrors: RowError[] | null = null;
  const result = await runAction("importTrucksAction", async (user) => {
    try {
      return await importTrucks(database(), await auditActorOf(user), rows, fileName);
    } catch (error) {
      if (error instanceof ImportRejected) rowErrors = error.rowErrors;
      throw error;
    }
  });
  if (!result.ok && rowErrors) return { ok: false, message: result.message, rowErrors };
  if (result.ok) revalidatePath("/cisternas");
  return result;
}
