"use client";

import { useEffect, useRef, useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { ROLE_LABELS, type Role } from "@/lib/accounts/roles";
import { formatLimaDateTime } from "@/lib/lima-clock";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

interface KeyRow {
  id: number;
  name: string;
  prefix: string;
  role: string;
  createdAt: string;
  lastUsedAt: string | null;
  revoked: boolean;
}

export function ApiKeys({ keys }: { keys: KeyRow[] }) {
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<KeyRow | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const creating = useActionSubmit();
  const revoking = useActionSubmit();
  const nameErrors = creating.errors.name;
  const outcome = useRef<HTMLDivElement>(null);

  // What just happened takes the focus (the revoked key's button is gone, the new key must be copied).
  useEffect(() => {
    if (created || revoked) outcome.current?.focus();
  }, [created, revoked]);

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    setRevoked(null);
    await creating.submit(
      () => createApiKeyAction(name),
      (data) => {
        setCreated({ name: name.trim(), key: data.key });
        setName("");
      },
    );
  }

  async function revoke(key: KeyRow) {
    setRevoked(null);
    setCreated(null);
    await revoking.submit(
      () => revokeApiKeyAction(key.id),
      () => setRevoked(key.name),
      () => setConfirming(null),
    );
  }

  return (
    <div className="space-y-6">
      <ErrorSummary action={revoking} />
      {revoked ? (
        <div ref={outcome} tabIndex={-1} className="outline-none">
          <Alert tone="success">La clave «{revoked}» fue revocada.</Alert>
        </div>
      ) : null}
      {created ? (
        <div ref={outcome} tabIndex={-1} className="outline-none">
          <Alert tone="warning" title={`Clave «${created.name}» creada`}>
            <p>Copie la clave ahora: por seguridad no se volverá a mostrar.</p>
            <p className="mt-2 break-all rounded border border-amber-300 bg-white p-2 font-mono text-sm" data-testid="api-key">
              {created.key}
            </p>
          </Alert>
        </div>
      ) : null}

      <form onSubmit={create} className="space-y-3 rounded-md border border-slate-200 bg-white p-4" noValidate>
        <h2 className="text-lg font-semibold text-scop-800">Nueva clave</h2>
        <ErrorSummary action={creating} fieldId={(key) => (key === "name" ? "api-key-name" : undefined)} />
        <Field id="api-key-name" label="Nombre de la clave" hint="Para reconocerla, p. ej. «ERP de la planta»." errors={nameErrors}>
          <input
            {...describedBy("api-key-name", nameErrors, true)}
            className={inputClass}
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Button type="submit" disabled={creating.pending}>
          {creating.pending ? "Creando…" : "Crear Clave"}
        </Button>
      </form>

      {confirming ? (
        <ConfirmDialog title="Revocar clave de API" pending={revoking.pending} pendingLabel="Revocando…" onConfirm={() => void revoke(confirming)} onCancel={() => setConfirming(null)}>
          ¿Está seguro de revocar la clave «{confirming.name}» ({confirming.prefix})? Los sistemas que la usan dejarán de tener acceso.
        </ConfirmDialog>
      ) : null}

      {keys.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4">Su agente aún no tiene claves de API.</p>
      ) : (
        <Table caption="Claves de API del agente">
          <thead>
            <tr>
              <th>Nombre</th>
              <th>Prefijo</th>
              <th>Perfil</th>
              <th>Creada</th>
              <th>Último uso</th>
              <th>Estado</th>
              <th>Opciones</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td className="font-mono">{key.prefix}</td>
                <td>{ROLE_LABELS[key.role as Role] ?? key.role}</td>
                <td className="whitespace-nowrap">{formatLimaDateTime(new Date(key.createdAt))}</td>
                <td className="whitespace-nowrap">{key.lastUsedAt ? formatLimaDateTime(new Date(key.lastUsedAt)) : "—"}</td>
                <td>{key.revoked ? "Revocada" : "Activa"}</td>
                <td>
                  {key.revoked ? null : (
                    <Button variant="danger" className="px-3 py-1" onClick={() => setConfirming(key)} aria-label={`Revocar ${key.name}`}>
                      Revocar
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
