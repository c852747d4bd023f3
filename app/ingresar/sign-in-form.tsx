"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { signInSchema } from "@/lib/auth/schemas";
import { fieldErrorsOf } from "@/lib/validation";

/** The same message for a wrong user and a wrong password: it must not reveal which exist. */
const SIGN_IN_FAILED = "Usuario o contraseña incorrectos.";

export function SignInForm({ next }: { next: string }) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});

  async function submit(form: FormData) {
    const parsed = signInSchema.safeParse({ username: form.get("username"), password: form.get("password") });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false });
    if (result?.ok && !result.error) {
      // A full navigation: the router's prefetched pages were rendered without a session.
      window.location.assign(next);
      return;
    }
    setPending(false);
    setMessage(SIGN_IN_FAILED);
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
        <input name="username" autoComplete="username" autoCapitalize="none" required className={inputClass} {...describedBy("username", errors.username)} />
      </Field>
      <Field id="password" label="Contraseña" errors={errors.password}>
        <input name="password" type="password" autoComplete="current-password" required className={inputClass} {...describedBy("password", errors.password)} />
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Ingresando…" : "Ingresar"}
      </Button>
    </form>
  );
}
