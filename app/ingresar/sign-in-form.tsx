"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { signInSchema } from "@/lib/auth/schemas";
import { OTP_REQUIRED, signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { fieldErrorsOf } from "@/lib/validation";

/**
 * Usuario and Contraseña; when the server answers that the account has a second factor, the
 * same form asks for the "Código de verificación" (the typed user and password stay).
 * A wrong user and a wrong password get the same message: it must not reveal which exist.
 */
export function SignInForm({ next }: { next: string }) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [askOtp, setAskOtp] = useState(false);

  async function submit(form: FormData) {
    const parsed = signInSchema.safeParse({
      username: form.get("username"),
      password: form.get("password"),
      otp: askOtp ? String(form.get("otp") ?? "") : undefined,
    });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    if (askOtp && !parsed.data.otp) {
      setErrors({ otp: ["Ingrese el código de verificación de su aplicación autenticadora."] });
      return;
    }
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = await signIn("credentials", { ...parsed.data, otp: parsed.data.otp ?? "", redirect: false });
    if (result?.ok && !result.error) {
      // A full navigation: the router's prefetched pages were rendered without a session.
      window.location.assign(next);
      return;
    }
    setPending(false);
    const error = result?.error ?? "CredentialsSignin";
    if (error === OTP_REQUIRED) {
      setAskOtp(true);
      setMessage(null);
      return;
    }
    setMessage(signInErrorMessage(error));
  }

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(new FormData(event.currentTarget));
      }}
    >
      {message ? <Alert tone="error">{message}</Alert> : null}
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
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Ingresando…" : askOtp ? "Verificar" : "Ingresar"}
      </Button>
    </form>
  );
}
