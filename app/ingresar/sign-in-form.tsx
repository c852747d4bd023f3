"use client";

import { useState } from "react";
import { signInWithCredentials } from "@/components/auth/session-client";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { CHECK_THE_DATA, useActionSubmit } from "@/components/forms/use-action-submit";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { OTP_REQUIRED, signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { fieldErrorsOf } from "@/lib/field-errors";

const schemas = lazy(() => import("@/lib/auth/schemas"));

/**
 * Usuario and Contraseña; when the server answers that the account has a second factor, the
 * same form asks for the "Código de verificación" (the typed user and password stay).
 * A wrong user and a wrong password get the same message: it must not reveal which exist.
 */
export function SignInForm({ next }: { next: string }) {
  const action = useActionSubmit();
  const [askOtp, setAskOtp] = useState(false);
  const [signedIn, setSignedIn] = useState(false);

  async function submit(form: FormData) {
    let parsed;
    try {
      const { signInSchema } = await schemas();
      parsed = signInSchema.safeParse({
        username: form.get("username"),
        password: form.get("password"),
        otp: askOtp ? String(form.get("otp") ?? "") : undefined,
      });
    } catch {
      return action.setMessage("No se pudo comunicar con el servidor. Revise su conexión e intente nuevamente.");
    }
    if (!parsed.success) return action.refuse(CHECK_THE_DATA, fieldErrorsOf(parsed.error));
    if (askOtp && !parsed.data.otp) return action.refuse(CHECK_THE_DATA, { otp: ["Ingrese el código de verificación de su aplicación autenticadora."] });
    const credentials = { username: parsed.data.username, password: parsed.data.password, otp: parsed.data.otp ?? "" };
    await action.submit(
      async () => {
        const { error } = await signInWithCredentials(credentials);
        if (!error) return { ok: true as const, data: "signed-in" as const };
        if (error === OTP_REQUIRED) return { ok: true as const, data: "otp" as const };
        return { ok: false as const, message: signInErrorMessage(error) ?? "" };
      },
      (outcome) => {
        if (outcome === "otp") return setAskOtp(true);
        setSignedIn(true);
        // A full navigation: the router's prefetched pages were rendered without a session.
        window.location.assign(next);
      },
    );
  }

  const { errors } = action;
  return (
    <form
      className="space-y-4"
      noValidate
      onFocus={() => void schemas().catch(() => undefined)}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(new FormData(event.currentTarget));
      }}
    >
      <ErrorSummary action={action} />
      <Field id="username" label="Usuario" errors={errors.username}>
        <input name="username" autoComplete="username" autoCapitalize="none" required readOnly={askOtp} className={inputClass} {...describedBy("username", errors.username)} />
      </Field>
      <Field id="password" label="Contraseña" errors={errors.password}>
        <input name="password" type="password" autoComplete="current-password" required readOnly={askOtp} className={inputClass} {...describedBy("password", errors.password)} />
      </Field>
      {askOtp ? (
        <Field id="otp" label="Código de verificación" errors={errors.otp} hint="El código de 6 dígitos de su aplicación autenticadora, o uno de sus códigos de recuperación.">
          <input name="otp" inputMode="numeric" autoComplete="one-time-code" autoFocus maxLength={16} className={`${inputClass} font-mono`} {...describedBy("otp", errors.otp, true)} />
        </Field>
      ) : null}
      <Button type="submit" disabled={action.pending || signedIn} className="w-full">
        {action.pending || signedIn ? "Ingresando…" : askOtp ? "Verificar" : "Ingresar"}
      </Button>
    </form>
  );
}
