"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { resetPasswordAction, setUserActiveAction, setUserEmailAction } from "./actions";

/** A user row's actions: reset the password (the temporary one is shown once), deactivate/reactivate. */
export function UserActions({ userId, username, email, active, self }: { userId: number; username: string; email: string; active: boolean; self: boolean }) {
  const [editing, setEditing] = useState(false);
  const [address, setAddress] = useState(email);
  const router = useRouter();
  const [temporary, setTemporary] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function reset() {
    if (!window.confirm(`¿Restablecer la contraseña de ${username}? Sus sesiones abiertas terminarán.`)) return;
    setPending(true);
    const result = await resetPasswordAction(userId);
    setPending(false);
    if (result.ok) setTemporary(result.data.temporaryPassword);
    else setMessage(result.message);
  }

  async function saveEmail(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await setUserEmailAction(userId, address);
    setPending(false);
    if (result.ok) {
      setEditing(false);
      router.refresh();
    } else setMessage(result.fieldErrors?.email?.join(" ") ?? result.message);
  }

  async function toggle() {
    setPending(true);
    const result = await setUserActiveAction(userId, !active);
    setPending(false);
    if (result.ok) router.refresh();
    else setMessage(result.message);
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" className="px-2 py-1" onClick={reset} disabled={pending} aria-label={`Restablecer contraseña de ${username}`}>
          Restablecer contraseña
        </Button>
        {self ? null : (
          <Button variant={active ? "danger" : "primary"} className="px-2 py-1" onClick={toggle} disabled={pending} aria-label={`${active ? "Desactivar" : "Reactivar"} ${username}`}>
            {active ? "Desactivar" : "Reactivar"}
          </Button>
        )}
      </div>
      {editing ? (
        <form onSubmit={saveEmail} noValidate className="flex flex-wrap items-end gap-2">
          <label className="text-xs font-semibold">
            Correo de {username}
            <input type="email" value={address} onChange={(e) => setAddress(e.target.value)} className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm" />
          </label>
          <Button type="submit" className="px-2 py-1" disabled={pending}>
            Guardar correo
          </Button>
          <Button variant="secondary" className="px-2 py-1" onClick={() => setEditing(false)} disabled={pending}>
            Cancelar
          </Button>
        </form>
      ) : (
        <Button variant="secondary" className="px-2 py-1" onClick={() => setEditing(true)} disabled={pending} aria-label={`Cambiar correo de ${username}`}>
          Cambiar correo
        </Button>
      )}
      {temporary ? (
        <p role="status" className="text-sm">
          Contraseña temporal: <strong data-testid="temporary-password" className="font-mono">{temporary}</strong>
        </p>
      ) : null}
      {message ? (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
    </div>
  );
}
