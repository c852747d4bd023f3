"use client";

import { useState } from "react";
import { signOut } from "@/components/auth/session-client";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { changePasswordAction } from "../actions";

const schemas = lazy(() => import("@/lib/accounts/password-policy"));

/** After the change every session of the user ends (this one too): it signs in again. */
export function ChangePasswordForm() {
  const action = useActionSubmit();
  const [done, setDone] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    };
    if (!(await action.check(async () => (await schemas()).changePasswordSchema, input))) return;
    await action.submit(
      () => changePasswordAction(input),
      () => {
        setDone(true);
        // A full navigation, so no page rendered with the old session is kept.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate full navigation
        setTimeout(() => void signOut().finally(() => window.location.assign("/ingresar")), 2500);
      },
    );
  }

  if (done) {
    return (
      <Alert tone="success" title="Su contraseña fue cambiada.">
        Por seguridad se cerraron sus sesiones: ingrese nuevamente con la nueva contraseña.
      </Alert>
    );
  }

  const { errors } = action;
  return (
    <form onSubmit={submit} onFocus={() => void schemas().catch(() => undefined)} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <ErrorSummary action={action} />
      <Field id="currentPassword" label="Contraseña actual" errors={errors.currentPassword}>
        <input name="currentPassword" type="password" autoComplete="current-password" className={inputClass} {...describedBy("currentPassword", errors.currentPassword)} />
      </Field>
      <Field id="newPassword" label="Nueva contraseña" errors={errors.newPassword} hint="Al menos 12 caracteres; no use contraseñas comunes.">
        <input name="newPassword" type="password" autoComplete="new-password" className={inputClass} {...describedBy("newPassword", errors.newPassword, true)} />
      </Field>
      <Field id="confirmPassword" label="Confirmar nueva contraseña" errors={errors.confirmPassword}>
        <input name="confirmPassword" type="password" autoComplete="new-password" className={inputClass} {...describedBy("confirmPassword", errors.confirmPassword)} />
      </Field>
      <Button type="submit" disabled={action.pending}>
        {action.pending ? "Guardando…" : "Cambiar Contraseña"}
      </Button>
    </form>
  );
}
