"use client";

import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { saveEmailSettingsAction } from "../actions";

/** The summary links each error to its control ("types": the first checkbox). */
const fieldId = (key: string) => (key === "email" || key === "types" ? key : undefined);

interface Option {
  type: string;
  label: string;
}

export function PreferencesForm({ email, selected, options, smtpConfigured }: { email: string; selected: string[]; options: Option[]; smtpConfigured: boolean }) {
  const [address, setAddress] = useState(email);
  const [types, setTypes] = useState(new Set(selected));
  const [saved, setSaved] = useState(false);
  const action = useActionSubmit();
  const { pending, errors, submit } = action;

  function toggle(type: string, on: boolean) {
    const next = new Set(types);
    if (on) next.add(type);
    else next.delete(type);
    setTypes(next);
    setSaved(false);
  }

  return (
    <form
      noValidate
      className="space-y-5 rounded-md border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        void submit(() => saveEmailSettingsAction({ email: address, types: [...types] }), () => setSaved(true));
      }}
    >
      <ErrorSummary action={action} fieldId={fieldId} />
      {saved ? <Alert tone="success">Sus preferencias de correo se guardaron.</Alert> : null}
      {smtpConfigured ? null : (
        <Alert tone="info">
          Este portal aún no tiene un servidor de correo configurado: los correos quedan guardados en la bandeja del portal, visible para el
          administrador, hasta que se configure.
        </Alert>
      )}
      <Field id="email" label="Correo electrónico" hint="Donde llegan los avisos que marque." errors={errors.email}>
        <input
          {...describedBy("email", errors.email, true)}
          type="email"
          autoComplete="email"
          className={inputClass}
          value={address}
          maxLength={254}
          onChange={(event) => {
            setAddress(event.target.value);
            setSaved(false);
          }}
        />
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.types?.length ? "types-error" : undefined}>
        <legend className="text-sm font-semibold text-slate-800">Recibir también por correo</legend>
        {options.map((option, index) => (
          <label key={option.type} className="flex items-start gap-2">
            <input
              id={index === 0 ? "types" : undefined}
              aria-invalid={errors.types?.length ? true : undefined}
              type="checkbox"
              className="mt-1 h-4 w-4 shrink-0"
              checked={types.has(option.type)}
              onChange={(event) => toggle(option.type, event.target.checked)}
            />
            <span>{option.label}</span>
          </label>
        ))}
        {errors.types?.length ? (
          <p id="types-error" className="text-sm text-red-700">
            {errors.types.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Guardando…" : "Guardar preferencias"}
      </Button>
    </form>
  );
}
