"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { beginTotpAction, confirmTotpAction, disableTotpAction } from "../actions";

/** Enrollment: QR code (and the secret, to type it) → first code → ten recovery codes, shown once. */
export function TotpSetup({ enabled, required }: { enabled: boolean; required: boolean }) {
  const router = useRouter();
  const [setup, setSetup] = useState<{ secret: string; qr: string } | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [pending, setPending] = useState(false);

  async function begin() {
    setPending(true);
    const result = await beginTotpAction();
    setPending(false);
    if (result.ok) setSetup(result.data);
    else setError(result.message);
  }

  async function confirm(event: React.FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) return setError("Ingrese el código de 6 dígitos que muestra su aplicación.");
    setPending(true);
    const result = await confirmTotpAction(code.trim());
    setPending(false);
    if (!result.ok) return setError(result.fieldErrors?.code?.[0] ?? result.message);
    setError(null);
    setCodes(result.data.recoveryCodes);
  }

  async function disable() {
    if (!window.confirm("¿Desactivar el segundo factor? Su cuenta quedará protegida solo por la contraseña.")) return;
    setPending(true);
    const result = await disableTotpAction();
    setPending(false);
    if (result.ok) router.refresh();
    else setError(result.message);
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
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button variant="danger" onClick={disable} disabled={pending}>
          Desactivar segundo factor
        </Button>
      </div>
    );
  }

  if (!setup) {
    return (
      <div className="space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button onClick={begin} disabled={pending}>
          Activar segundo factor
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={confirm} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <ol className="list-decimal space-y-2 pl-5">
        <li>Abra su aplicación autenticadora y escanee este código QR.</li>
        <li>Ingrese el código de 6 dígitos que muestra la aplicación.</li>
      </ol>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data URL generated on the server */}
      <img src={setup.qr} alt="Código QR para la aplicación autenticadora" width={220} height={220} className="rounded border border-slate-200" />
      <p className="text-sm">
        Si no puede escanearlo, ingrese esta clave en la aplicación: <code data-testid="totp-secret" className="break-all font-mono font-semibold">{setup.secret}</code>
      </p>
      <Field id="code" label="Código de verificación" errors={error ? [error] : undefined}>
        <input value={code} onChange={(event) => setCode(event.target.value)} inputMode="numeric" autoComplete="one-time-code" maxLength={6} className={`${inputClass} font-mono`} {...describedBy("code", error ? [error] : undefined)} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Verificando…" : "Verificar y activar"}
      </Button>
    </form>
  );
}
