"use server";

import { revalidatePath } from "next/cache";
import { ROLES } from "@/lib/accounts/roles";
import { markAllRead, markRead, saveEmailSettings, type EmailSettingsInput } from "@/lib/events/notifications";
import { runAction } from "@/lib/next/action";
import { database } from "@/lib/next/context";
import { auditActorOf } from "@/lib/next/request";

// Every role has a notification centre; each user reads and marks only its own.

export async function markNotificationReadAction(id: number) {
  const result = await runAction([...ROLES], (user) => markRead(database(), user.userId, id));
  if (result.ok) revalidatePath("/notificaciones");
  return result;
}

export async function markAllNotificationsReadAction() {
  const result = await runAction([...ROLES], (user) => markAllRead(database(), user.userId));
  if (result.ok) revalidatePath("/notificaciones");
  return result;
}

export async function saveEmailSettingsAction(input: EmailSettingsInput) {
  return runAction([...ROLES], async (user) => saveEmailSettings(database(), { ...(await auditActorOf(user)), role: user.role }, input));
}
