"use server";

import QRCode from "qrcode";
import { disableTotp, beginTotpEnrollment, confirmTotpEnrollment } from "@/lib/accounts/totp";
import { endOtherSessionsWithPassword } from "@/lib/accounts/sessions";
import { changePassword } from "@/lib/accounts/users";
import type { ChangePasswordInput } from "@/lib/accounts/password-policy";
import { totpConfirmationSchema } from "@/lib/auth/schemas";
import { runAction } from "@/lib/next/action";
import { parseInput } from "@/lib/validation";
import { database, signInLimiter } from "@/lib/next/context";
import { auditActorOf } from "@/lib/next/request";

// The account's own actions: any signed-in user, for itself only (the user comes from the session).

export async function changePasswordAction(input: ChangePasswordInput) {
  return runAction("changePasswordAction", async (user) => changePassword(database(), await auditActorOf(user), input, signInLimiter()));
}

export async function beginTotpAction() {
  return runAction("beginTotpAction", async (user) => {
    const { secret, uri } = await beginTotpEnrollment(database(), user.userId);
    return { secret, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }) };
  });
}

export async function confirmTotpAction(code: string) {
  return runAction("confirmTotpAction", async (user) => {
    const input = parseInput(totpConfirmationSchema, { code });
    return { recoveryCodes: await confirmTotpEnrollment(database(), await auditActorOf(user), input.code) };
  });
}

export async function disableTotpAction() {
  return runAction("disableTotpAction", async (user) => disableTotp(database(), { ...(await auditActorOf(user)), role: user.role }));
}

/** "Cerrar las demás sesiones", after typing the password again. */
export async function endOtherSessionsAction(password: string) {
  return runAction("endOtherSessionsAction", async (user) =>
    endOtherSessionsWithPassword(database(), { ...(await auditActorOf(user)), sessionId: user.sessionId }, String(password ?? ""), signInLimiter()),
  );
}
