"use server";

import { revalidatePath } from "next/cache";
import { recordConstatacion } from "@/lib/constataciones/record-constatacion";
import type { ConstatacionInput } from "@/lib/constataciones/schema";
import { runAction } from "@/lib/next/action";
import { ordersContext } from "@/lib/next/context";

/** "Registrar constatación": the inspector's role is checked here and again by the service. */
export async function recordConstatacionAction(input: ConstatacionInput) {
  const result = await runAction("recordConstatacionAction", (user) => recordConstatacion(ordersContext(), user, input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
