"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { endOtherSessionsAction } from "../actions";

/** "Cerrar las demás sesiones": asks for the password again, then ends every other session. */
export function EndOtherSessions({ others }: { others: number }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const password = String(new FormData(form).get("password") ?? "");
    if (!password) return setErrors({ password: ["Ingrese su contraseña."] });
    setPending(true);
    const result = await endOtherSessionsAction(password);
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setMessage({ tone: "error", text: result.message });
      return;
    }
    form.reset();
    setErrors({});
    const { ended } = result.data;
    setMessage({ tone: "success", text: ended === 1 ? "Se cerró 1 sesión." : `Se cerraron ${ended} sesiones.` });
    router.refresh();
  }

  if (others === 0 && message?.tone !== "success") return <p className="text-sm text-slate-600">No tiene otras sesiones abiertas.</p>;
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-white p-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="password" label="Contraseña" errors={errors.password} hint="Por seguridad, confirme su contraseña para cerrar las demás sesiones.">
        <input name="password" type="password" autoComplete="current-password" className={inputClass} {...describedBy("password", errors.password, true)} />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending || others === 0}>
        {pending ? "Cerrando…" : "Cerrar las demás sesiones"}
      </Button>
    </form>
  );
}
