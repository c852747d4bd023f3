"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { CHECK_THE_DATA, useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { endOtherSessionsAction } from "../actions";

/** "Cerrar las demás sesiones": asks for the password again, then ends every other session. */
export function EndOtherSessions({ others }: { others: number }) {
  const router = useRouter();
  const action = useActionSubmit();
  const { errors, pending } = action;
  const [ended, setEnded] = useState<number | null>(null);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password") ?? "");
    setEnded(null);
    if (!password) return action.refuse(CHECK_THE_DATA, { password: ["Ingrese su contraseña."] });
    await action.submit(
      () => endOtherSessionsAction(password),
      (data) => {
        form.reset();
        setEnded(data.ended);
        router.refresh();
      },
    );
  }

  if (others === 0 && ended === null) return <p className="text-sm text-slate-600">No tiene otras sesiones abiertas.</p>;
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-white p-4">
      <ErrorSummary action={action} />
      {ended !== null ? <Alert tone="success">{ended === 1 ? "Se cerró 1 sesión." : `Se cerraron ${ended} sesiones.`}</Alert> : null}
      <Field id="password" label="Contraseña" errors={errors.password} hint="Por seguridad, confirme su contraseña para cerrar las demás sesiones.">
        <input name="password" type="password" autoComplete="current-password" className={inputClass} {...describedBy("password", errors.password, true)} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending || others === 0}>
        {pending ? "Cerrando…" : "Cerrar las demás sesiones"}
      </Button>
    </form>
  );
}
