"use server";

import { revalidatePath } from "next/cache";
import { WEBHOOK_ROLES } from "@/lib/events/catalog";
import {
  createEndpoint,
  deleteEndpoint,
  resendDelivery,
  rotateSecret,
  updateEndpoint,
  type CreateEndpointInput,
  type UpdateEndpointInput,
} from "@/lib/events/webhooks/endpoints";
import { runAction } from "@/lib/next/action";
import { database } from "@/lib/next/context";

// Agents that buy, sell or dispatch keep webhooks for their own agent; each call acts for the
// signed-in user's agent, and another agent's endpoint is "not found" (lib/events/webhooks/endpoints.ts).
const roles = [...WEBHOOK_ROLES];

export async function createEndpointAction(input: CreateEndpointInput) {
  const result = await runAction(roles, async (user) => {
    const { endpoint, secret } = await createEndpoint(database(), user, input);
    return { id: endpoint.id, secret };
  });
  if (result.ok) revalidatePath("/webhooks");
  return result;
}

export async function updateEndpointAction(id: number, input: UpdateEndpointInput) {
  const result = await runAction(roles, async (user) => {
    await updateEndpoint(database(), user, id, input);
  });
  if (result.ok) revalidatePath(`/webhooks/${id}`);
  return result;
}

export async function rotateSecretAction(id: number) {
  const result = await runAction(roles, async (user) => {
    const rotated = await rotateSecret(database(), user, id);
    return { secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt.toISOString() };
  });
  if (result.ok) revalidatePath(`/webhooks/${id}`);
  return result;
}

export async function deleteEndpointAction(id: number) {
  const result = await runAction(roles, (user) => deleteEndpoint(database(), user, id));
  if (result.ok) revalidatePath("/webhooks");
  return result;
}

export async function resendDeliveryAction(endpointId: number, deliveryId: number) {
  const result = await runAction(roles, (user) => resendDelivery(database(), user, endpointId, deliveryId));
  if (result.ok) revalidatePath(`/webhooks/${endpointId}`);
  return result;
}
