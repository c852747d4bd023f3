"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, inputClass } from "@/components/ui/field";
import { resetPasswordAction, setUserActiveAction, setUserEmailAction } from "./actions";

/** A user row's actions: reset the password (the temporary one is shown once), change the e-mail, deactivate/reactivate. */
export function UserActions({ userId, username, email, active, self }: { userId: number; username: string; email: string; active: boolean; self: boolean }) {
  const router = useRouter();
  const action = useActionSubmit();
  const emailId = `${useId()}-email`;
  const [editing, setEditing] = useState(false);
  const [address, setAddress] = useState(email);
  const [temporary, setTemporary] = useState<string | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);

  async function saveEmail(event: React.FormEvent) {
    event.preventDefault();
    await action.submit(
      () => setUserEmailAction(userId, address),
      () => {
        setEditing(false);
        router.refresh();
      },
    );
  }

  return (
    <div className="flex flex-col gap-1">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" className="px-2 py-1" onClick={() => setConfirmingReset(true)} disabled={action.pending} aria-label={`Restablecer contraseña de ${username}`}>
          Restablecer contraseña
        </Button>
        {self ? null : (
          <Button
            variant={active ? "danger" : "primary"}
            className="px-2 py-1"
            onClick={() => void action.submit(() => setUserActiveAction(userId, !active), () => router.refresh())}
            disabled={action.pending}
            aria-label={`${active ? "Desactivar" : "Reactivar"} ${username}`}
          >
            {active ? "Desactivar" : "Reactivar"}
          </Button>
        )}
      </div>
      {confirmingReset ? (
        <ConfirmDialog
          title={`Restablecer la contraseña de ${username}`}
          pending={action.pending}
          pendingLabel="Restableciendo…"
          onCancel={() => setConfirmingReset(false)}
          onConfirm={() =>
            void action.submit(
              () => resetPasswordAction(userId),
              (data) => setTemporary(data.temporaryPassword),
              () => setConfirmingReset(false),
            )
          }
        >
          Se generará una contraseña temporal y sus sesiones abiertas terminarán.
        </ConfirmDialog>
      ) : null}
      {editing ? (
        <form onSubmit={saveEmail} noValidate className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={emailId} className="text-xs font-semibold">
              Correo de {username}
            </label>
            <input
              type="email"
              value={address}
              onChange={(event) => setAddress(event.target.value)}
              className={`${inputClass} py-1 text-sm`}
              {...describedBy(emailId, action.errors.email)}
            />
            {action.errors.email ? (
              <p id={`${emailId}-error`} className="text-xs text-red-700">
                {action.errors.email.join(" ")}
              </p>
            ) : null}
          </div>
          <Button type="submit" className="px-2 py-1" disabled={action.pending}>
            Guardar correo
          </Button>
          <Button
            variant="secondary"
            className="px-2 py-1"
            onClick={() => {
              action.clear();
              setEditing(false);
            }}
            disabled={action.pending}
          >
            Cancelar
          </Button>
        </form>
      ) : (
        <Button variant="secondary" className="px-2 py-1" onClick={() => setEditing(true)} disabled={action.pending} aria-label={`Cambiar correo de ${username}`}>
          Cambiar correo
        </Button>
      )}
      {temporary ? (
        <p role="status" className="text-sm">
          Contraseña temporal: <strong data-testid="temporary-password" className="font-mono">{temporary}</strong>
        </p>
      ) : null}
      <ErrorSummary action={action} fieldId={(key) => (key === "email" ? emailId : undefined)} />
    </div>
  );
}
