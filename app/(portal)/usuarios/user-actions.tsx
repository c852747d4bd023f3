"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { resetPasswordAction, setUserActiveAction } from "./actions";

/** A user row's actions: reset the password (the temporary one is shown once), deactivate/reactivate. */
export function UserActions({ userId, username, active, self }: { userId: number; username: string; active: boolean; self: boolean }) {
  const router = useRouter();
  const action = useActionSubmit();
  const [temporary, setTemporary] = useState<string | null>(null);
  const [confirmingReset, setConfirmingReset] = useState(false);

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
      {temporary ? (
        <p role="status" className="text-sm">
          Contraseña temporal: <strong data-testid="temporary-password" className="font-mono">{temporary}</strong>
        </p>
      ) : null}
      <ErrorSummary action={action} />
    </div>
  );
}
