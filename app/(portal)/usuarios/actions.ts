"use server";

import { revalidatePath } from "next/cache";
import { createUser, resetPassword, setUserActive, setUserEmail, type CreateUserInput } from "@/lib/accounts/users";
import { runAction } from "@/lib/next/action";
import { database } from "@/lib/next/context";
import { auditActorOf } from "@/lib/next/request";

// User administration: ADMINISTRADOR only. The temporary password is answered once, never stored.

export async function createUserAction(input: CreateUserInput) {
  const result = await runAction(["ADMINISTRADOR"], async (user) => createUser(database(), await auditActorOf(user), input));
  if (result.ok) revalidatePath("/usuarios");
  return result;
}

export async function resetPasswordAction(userId: number) {
  const result = await runAction(["ADMINISTRADOR"], async (user) => resetPassword(database(), await auditActorOf(user), userId));
  if (result.ok) revalidatePath("/usuarios");
  return result;
}

export async function setUserActiveAction(userId: number, active: boolean) {
  const result = await runAction(["ADMINISTRADOR"], async (user) => setUserActive(database(), await auditActorOf(user), userId, active));
  if (result.ok) revalidatePath("/usuarios");
  return result;
}

export async function setUserEmailAction(userId: number, email: string) {
  const result = await runAction(["ADMINISTRADOR"], async (user) => setUserEmail(database(), await auditActorOf(user), userId, { email }));
  if (result.ok) revalidatePath("/usuarios");
  return result;
}
