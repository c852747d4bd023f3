"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/api/keys";
import { runAction } from "@/lib/next/action";
import { database } from "@/lib/next/context";

// Every role may hold keys; a key acts with the role and agent of the user who creates it.

export async function createApiKeyAction(name: string) {
  const result = await runAction("createApiKeyAction", async (user) => {
    const created = await createApiKey(database(), user, name);
    return { key: created.key, prefix: created.prefix };
  });
  if (result.ok) revalidatePath("/claves-api");
  return result;
}

export async function revokeApiKeyAction(id: number) {
  const result = await runAction("revokeApiKeyAction", (user) => revokeApiKey(database(), user, id));
  if (result.ok) revalidatePath("/claves-api");
  return result;
}
