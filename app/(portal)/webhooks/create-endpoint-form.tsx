"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { createEndpointAction } from "./actions";
import { EventTypeChoices } from "./event-type-choices";

const FIELD_IDS: Record<string, string> = { url: "webhook-url", description: "webhook-description", eventTypes: "event-types" };

export function CreateEndpointForm({ eventTypes }: { eventTypes: { type: string; label: string }[] }) {
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState<Set<string>>(new Set(["orden.solicitada", "orden.vendida", "orden.despachada", "orden.cerrada", "orden.anulada", "orden.rechazada"]));
  const [created, setCreated] = useState<{ id: number; secret: string; url: string } | null>(null);
  const action = useActionSubmit();
  const { pending, errors, submit } = action;

  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="warning" title="Webhook registrado">
          <p>Copie el secreto de firma ahora: por seguridad no se volverá a mostrar. Con él su sistema verifica la cabecera webhook-signature.</p>
          <p className="mt-2 break-all rounded border border-amber-300 bg-white p-2 font-mono text-sm" data-testid="webhook-secret">
            {created.secret}
          </p>
        </Alert>
      ) : null}
      <form
        noValidate
        className="space-y-4 rounded-md border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(
            () => createEndpointAction({ url, description, eventTypes: [...types] as never }),
            (data) => {
              setCreated({ ...data, url });
              setUrl("");
              setDescription("");
              router.refresh();
            },
          );
        }}
      >
        <h2 className="text-lg font-semibold text-scop-800">Nuevo webhook</h2>
        <ErrorSummary action={action} fieldId={(key) => FIELD_IDS[key]} />
        <Field id="webhook-url" label="URL (HTTPS)" hint="Un servidor de su empresa accesible desde Internet, p. ej. https://erp.suempresa.pe/scop/webhooks." errors={errors.url}>
          <input {...describedBy("webhook-url", errors.url, true)} type="url" inputMode="url" className={inputClass} value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} />
        </Field>
        <Field id="webhook-description" label="Descripción (opcional)" errors={errors.description}>
          <input {...describedBy("webhook-description", errors.description)} className={inputClass} value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <EventTypeChoices options={eventTypes} selected={types} onChange={setTypes} errors={errors.eventTypes} />
        <Button type="submit" disabled={pending}>
          {pending ? "Registrando…" : "Registrar webhook"}
        </Button>
      </form>
    </div>
  );
}
