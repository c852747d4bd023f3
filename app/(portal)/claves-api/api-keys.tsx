"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { ROLE_LABELS, type Role } from "@/lib/accounts/roles";
import { formatLimaDateTime } from "@/lib/time";
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
  const [nameErrors, setNameErrors] = useState<string[] | undefined>();
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const [confirming, setConfirming] = useState<KeyRow | null>(null);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  async function create(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    setCreated(null);
    const outcome = await createApiKeyAction(name);
    setPending(false);
    if (outcome.ok) {
      setCreated({ name: name.trim(), key: outcome.data.key });
      setName("");
      setNameErrors(undefined);
    } else {
      setNameErrors(outcome.fieldErrors?.name);
      setMessage({ tone: "error", text: outcome.message });
    }
  }

  async function revoke(key: KeyRow) {
    setPending(true);
    const outcome = await revokeApiKeyAction(key.id);
    setPending(false);
    setConfirming(null);
    setMessage(outcome.ok ? { tone: "success", text: `La clave «${key.name}» fue revocada.` } : { tone: "error", text: outcome.message });
  }

  return (
    <div className="space-y-6">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {created ? (
        <Alert tone="warning" title={`Clave «${created.name}» creada`}>
          <p>Copie la clave ahora: por seguridad no se volverá a mostrar.</p>
          <p className="mt-2 break-all rounded border border-amber-300 bg-white p-2 font-mono text-sm" data-testid="api-key">
            {created.key}
          </p>
        </Alert>
      ) : null}

      <form onSubmit={create} className="space-y-3 rounded-md border border-slate-200 bg-white p-4" noValidate>
        <h2 className="text-lg font-semibold text-scop-800">Nueva clave</h2>
        <Field id="api-key-name" label="Nombre de la clave" hint="Para reconocerla, p. ej. «ERP de la planta»." errors={nameErrors}>
          <input
            {...describedBy("api-key-name", nameErrors, true)}
            className={inputClass}
            value={name}
            maxLength={100}
            onChange={(event) => setName(event.target.value)}
          />
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creando…" : "Crear Clave"}
        </Button>
      </form>

      {confirming ? (
        <ConfirmDialog title="Revocar clave de API" pending={pending} pendingLabel="Revocando…" onConfirm={() => revoke(confirming)} onCancel={() => setConfirming(null)}>
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
