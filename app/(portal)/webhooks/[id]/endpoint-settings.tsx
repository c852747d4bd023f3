"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { formatLimaDateTime } from "@/lib/lima-clock";
import { deleteEndpointAction, rotateSecretAction, updateEndpointAction } from "../actions";
import { EventTypeChoices } from "../event-type-choices";

const FIELD_IDS: Record<string, string> = { url: "endpoint-url", description: "endpoint-description", eventTypes: "event-types" };

interface Endpoint {
  id: number;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
}

export function EndpointSettings({ endpoint, eventTypes }: { endpoint: Endpoint; eventTypes: { type: string; label: string }[] }) {
  const router = useRouter();
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description);
  const [types, setTypes] = useState(new Set(endpoint.eventTypes));
  const [confirming, setConfirming] = useState<"rotate" | "delete" | null>(null);
  const [secret, setSecret] = useState<{ secret: string; until: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useActionSubmit();
  const { pending, errors, submit } = action;

  return (
    <div className="space-y-4">
      {endpoint.enabled ? (
        endpoint.failingSince ? (
          <Alert tone="warning" title="Este webhook está fallando">
            Sin entregas exitosas desde el {endpoint.failingSince}. Si sigue fallando por días se deshabilitará y se le notificará.
          </Alert>
        ) : null
      ) : (
        <Alert tone="error" title={`Deshabilitado${endpoint.disabledAt ? ` el ${endpoint.disabledAt}` : ""}`}>
          {endpoint.disabledReason} No recibe eventos nuevos; al habilitarlo se reanudan las entregas pendientes.
        </Alert>
      )}
      <ErrorSummary action={action} fieldId={(key) => FIELD_IDS[key]} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {secret ? (
        <Alert tone="warning" title="Nuevo secreto de firma">
          <p>Cópielo ahora: no se volverá a mostrar. Hasta el {secret.until} cada entrega lleva también la firma con el secreto anterior.</p>
          <p className="mt-2 break-all rounded border border-amber-300 bg-white p-2 font-mono text-sm" data-testid="webhook-secret">
            {secret.secret}
          </p>
        </Alert>
      ) : endpoint.previousSecretExpiresAt ? (
        <Alert tone="info">El secreto anterior sigue firmando, junto al nuevo, hasta el {endpoint.previousSecretExpiresAt}.</Alert>
      ) : null}

      <form
        noValidate
        className="space-y-4 rounded-md border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          setNotice(null);
          void submit(
            () => updateEndpointAction(endpoint.id, { url, description, eventTypes: [...types] as never }),
            () => {
              setNotice("Cambios guardados.");
              router.refresh();
            },
          );
        }}
      >
        <h2 className="text-lg font-semibold text-scop-800">Configuración</h2>
        <Field id="endpoint-url" label="URL (HTTPS)" errors={errors.url}>
          <input {...describedBy("endpoint-url", errors.url)} type="url" className={inputClass} value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field id="endpoint-description" label="Descripción (opcional)" errors={errors.description}>
          <input {...describedBy("endpoint-description", errors.description)} className={inputClass} value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <EventTypeChoices options={eventTypes} selected={types} onChange={setTypes} errors={errors.eventTypes} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            Guardar cambios
          </Button>
          <Button
            variant="secondary"
            disabled={pending}
            onClick={() =>
              void submit(
                () => updateEndpointAction(endpoint.id, { enabled: !endpoint.enabled }),
                () => {
                  setNotice(endpoint.enabled ? "Webhook deshabilitado." : "Webhook habilitado: se reanudan las entregas pendientes.");
                  router.refresh();
                },
              )
            }
          >
            {endpoint.enabled ? "Deshabilitar" : "Habilitar"}
          </Button>
          <Button variant="secondary" disabled={pending} onClick={() => setConfirming("rotate")}>
            Rotar secreto
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => setConfirming("delete")}>
            Eliminar
          </Button>
        </div>
      </form>
      {confirming === "rotate" ? (
        <ConfirmDialog
          title="Rotar el secreto de firma"
          pending={pending}
          pendingLabel="Rotando…"
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            void submit(
              () => rotateSecretAction(endpoint.id),
              (data) => {
                setSecret({ secret: data.secret, until: formatLimaDateTime(new Date(data.previousSecretExpiresAt)) });
                router.refresh();
              },
              () => setConfirming(null),
            )
          }
        >
          Se generará un secreto nuevo. Durante 24 horas las entregas se firmarán con ambos, para que actualice su sistema sin perder eventos.
        </ConfirmDialog>
      ) : null}
      {confirming === "delete" ? (
        <ConfirmDialog
          title="Eliminar webhook"
          pending={pending}
          pendingLabel="Eliminando…"
          onCancel={() => setConfirming(null)}
          onConfirm={() =>
            void submit(
              () => deleteEndpointAction(endpoint.id),
              () => router.push("/webhooks"),
              () => setConfirming(null),
            )
          }
        >
          ¿Está seguro de eliminar este webhook y su registro de entregas? Sus sistemas dejarán de recibir eventos en {endpoint.url}.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
