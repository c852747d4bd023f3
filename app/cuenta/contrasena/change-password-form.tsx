"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { changePasswordSchema } from "@/lib/accounts/password-policy";
import type { FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation";
import { changePasswordAction } from "../actions";

/** After the change every session of the user ends (this one too): it signs in again. */
export function ChangePasswordForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    };
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = await changePasswordAction(input);
    setPending(false);
    if (!result.ok) {
      setMessage(result.message);
      setErrors(result.fieldErrors ?? {});
      return;
    }
    setDone(true);
    // A full navigation, so no page rendered with the old session is kept.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- deliberate full navigation
    setTimeout(() => void signOut({ redirect: false }).then(() => window.location.assign("/ingresar")), 2500);
  }

  if (done) {
    return (
      <Alert tone="success" title="Su contraseña fue cambiada.">
        Por seguridad se cerraron sus sesiones: ingrese nuevamente con la nueva contraseña.
      </Alert>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <Field id="currentPassword" label="Contraseña actual" errors={errors.currentPassword}>
        <input name="currentPassword" type="password" autoComplete="current-password" className={inputClass} {...describedBy("currentPassword", errors.currentPassword)} />
      </Field>
      <Field id="newPassword" label="Nueva contraseña" errors={errors.newPassword} hint="Al menos 12 caracteres; no use contraseñas comunes.">
        <input name="newPassword" type="password" autoComplete="new-password" className={inputClass} {...describedBy("newPassword", errors.newPassword, true)} />
      </Field>
      <Field id="confirmPassword" label="Confirmar nueva contraseña" errors={errors.confirmPassword}>
        <input name="confirmPassword" type="password" autoComplete="new-password" className={inputClass} {...describedBy("confirmPassword", errors.confirmPassword)} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Guardando…" : "Cambiar Contraseña"}
      </Button>
    </form>
  );
}
