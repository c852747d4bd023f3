"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { beginTotpAction, confirmTotpAction, disableTotpAction } from "../actions";

const schemas = lazy(() => import("@/lib/auth/schemas"));

/** Enrollment: QR code (and the secret, to type it) → first code → ten recovery codes, shown once. */
export function TotpSetup({ enabled, required }: { enabled: boolean; required: boolean }) {
  const router = useRouter();
  const action = useActionSubmit();
  const [setup, setSetup] = useState<{ secret: string; qr: string } | null>(null);
  const [code, setCode] = useState("");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [confirmingDisable, setConfirmingDisable] = useState(false);

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    const input = await action.check(async () => (await schemas()).totpConfirmationSchema, { code });
    if (!input) return;
    await action.submit(
      () => confirmTotpAction(input.code),
      (data) => setCodes(data.recoveryCodes),
    );
  }

  if (codes) {
    return (
      <div className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
        <Alert tone="success" title="Segundo factor activado.">
          Guarde estos códigos de recuperación en un lugar seguro: cada uno sirve una sola vez si pierde su teléfono. No se volverán a mostrar.
        </Alert>
        <ul aria-label="Códigos de recuperación" className="grid grid-cols-2 gap-2 font-mono text-lg">
          {codes.map((recovery) => (
            <li key={recovery} className="rounded border border-slate-200 bg-slate-50 px-3 py-1">
              {recovery}
            </li>
          ))}
        </ul>
        <ButtonLink href="/">Continuar al portal</ButtonLink>
      </div>
    );
  }

  if (enabled) {
    return required ? null : (
      <div className="space-y-3">
        <ErrorSummary action={action} />
        <Button variant="danger" onClick={() => setConfirmingDisable(true)} disabled={action.pending}>
          Desactivar segundo factor
        </Button>
        {confirmingDisable ? (
          <ConfirmDialog
            title="Desactivar el segundo factor"
            pending={action.pending}
            pendingLabel="Desactivando…"
            onCancel={() => setConfirmingDisable(false)}
            onConfirm={() =>
              void action.submit(
                () => disableTotpAction(),
                () => router.refresh(),
                () => setConfirmingDisable(false),
              )
            }
          >
            Su cuenta quedará protegida solo por la contraseña.
          </ConfirmDialog>
        ) : null}
      </div>
    );
  }

  if (!setup) {
    return (
      <div className="space-y-3">
        <ErrorSummary action={action} />
        <Button onClick={() => void action.submit(() => beginTotpAction(), setSetup)} disabled={action.pending}>
          {action.pending ? "Preparando…" : "Activar segundo factor"}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={confirm} onFocus={() => void schemas().catch(() => undefined)} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <ErrorSummary action={action} />
      <ol className="list-decimal space-y-2 pl-5">
        <li>Abra su aplicación autenticadora y escanee este código QR.</li>
        <li>Ingrese el código de 6 dígitos que muestra la aplicación.</li>
      </ol>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL generated on the server */}
      <img src={setup.qr} alt="Código QR para la aplicación autenticadora" width={220} height={220} className="rounded border border-slate-200" />
      <p className="text-sm">
        Si no puede escanearlo, ingrese esta clave en la aplicación: <code data-testid="totp-secret" className="font-mono font-semibold break-all">{setup.secret}</code>
      </p>
      <Field id="code" label="Código de verificación" errors={action.errors.code}>
        <input value={code} onChange={(event) => setCode(event.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={6} className={`${inputClass} font-mono`} {...describedBy("code", action.errors.code)} />
      </Field>
      <Button type="submit" disabled={action.pending}>
        {action.pending ? "Verificando…" : "Verificar y activar"}
      </Button>
    </form>
  );
}
