"use server";

import { revalidatePath } from "next/cache";
import { createAgent, reinstateAgent, suspendAgent, updateAgent } from "@/lib/registry/agents";
import type { AgentInput, ReasonInput } from "@/lib/registry/agent-schema";
import { ImportRejected, importAgents, type CsvRow, type RowError } from "@/lib/registry/agent-import";
import { runAction, type ActionResult } from "@/lib/next/action";
import { database } from "@/lib/next/context";
import { auditActorOf } from "@/lib/next/request";

// Registry administration: ADMINISTRADOR only (runAction), and every service re-validates its
// input with the same zod schema the forms use.

export async function createAgentAction(input: AgentInput) {
  const result = await runAction("createAgentAction", async (user) => createAgent(database(), await auditActorOf(user), input));
  if (result.ok) revalidatePath("/registro");
  return result;
}

export async function updateAgentAction(id: number, input: AgentInput) {
  const result = await runAction("updateAgentAction", async (user) => updateAgent(database(), await auditActorOf(user), id, input));
  if (result.ok) revalidatePath("/registro", "layout");
  return result;
}

export async function suspendAgentAction(input: ReasonInput) {
  const result = await runAction("suspendAgentAction", async (user) => {
    const { openOrders } = await suspendAgent(database(), await auditActorOf(user), input);
    return { openOrders: openOrders.map((order) => ({ code: order.code, state: order.state, buyer: order.buyer.businessName, seller: order.seller.businessName })) };
  });
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export async function reinstateAgentAction(input: ReasonInput) {
  const result = await runAction("reinstateAgentAction", async (user) => reinstateAgent(database(), await auditActorOf(user), input));
  if (result.ok) revalidatePath("/", "layout");
  return result;
}

export type ImportResult = ActionResult<{ imported: number }> | { ok: false; message: string; rowErrors: RowError[] };

export async function importAgentsAction(rows: CsvRow[], fileName: string): Promise<ImportResult> {
  let rowErrors: RowError[] | null = null;
  const result = await runAction("importAgentsAction", async (user) => {
    try {
      return await importAgents(database(), await auditActorOf(user), rows, fileName);
    } catch (error) {
      if (error instanceof ImportRejected) rowErrors = error.rowErrors;
      throw error;
    }
  });
  if (!result.ok && rowErrors) return { ok: false, message: result.message, rowErrors };
  if (result.ok) revalidatePath("/registro");
  return result;
}
