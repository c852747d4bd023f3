"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { TruckInput } from "@/lib/registry/truck-schema";
import { createTruckAction, updateTruckAction } from "./actions";

const schemas = lazy(() => import("@/lib/registry/truck-schema"));

export interface TruckFormValues {
  plate: string;
  registryNumber: string;
  ownerAgentId: string;
  capacity: string;
  insuranceExpiresOn: string;
}

export const EMPTY_TRUCK: TruckFormValues = { plate: "", registryNumber: "", ownerAgentId: "", capacity: "", insuranceExpiresOn: "" };

export interface OwnerOption {
  id: number;
  label: string;
}

/** Inscribes (truckId absent) or edits a tank truck. */
export function TruckForm({ truckId, initial, owners, locked }: { truckId?: number; initial: TruckFormValues; owners: OwnerOption[]; locked?: boolean }) {
  const router = useRouter();
  const [values, setValues] = useState<TruckFormValues>(initial);
  const action = useActionSubmit();
  const { errors, pending } = action;
  const [saved, setSaved] = useState(false);

  const set = (field: keyof TruckFormValues) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setSaved(false);
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  const input = (): TruckInput => ({ ...values, ownerAgentId: values.ownerAgentId });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setSaved(false);
    if (!(await action.check(async () => (await schemas()).truckSchema, input()))) return;
    if (truckId) {
      await action.submit(
        () => updateTruckAction(truckId, input()),
        () => {
          setSaved(true);
          router.refresh();
        },
      );
    } else {
      await action.submit(
        () => createTruckAction(input()),
        (created) => router.push(`/cisternas/${created.id}?inscrita=1`),
      );
    }
  }

  const field = (name: keyof TruckFormValues, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field id={name} label={label} errors={errors[name]} hint={hint}>
      <input value={values[name]} onChange={set(name)} disabled={locked} className={inputClass} {...props} {...describedBy(name, errors[name], Boolean(hint))} />
    </Field>
  );

  return (
    <form onSubmit={submit} onFocus={() => void schemas().catch(() => undefined)} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <ErrorSummary action={action} />
      {saved ? <Alert tone="success">Los datos de la cisterna se guardaron.</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {field("plate", "Placa", { autoComplete: "off", autoCapitalize: "characters", className: `${inputClass} font-mono uppercase` }, "Placa de rodaje peruana: F1X-710, ABC-123 o AB-1234.")}
        {field("registryNumber", "N° de Registro de Hidrocarburos", { autoComplete: "off", className: `${inputClass} font-mono` }, "El de la cisterna: código-actividad-ddmmaa, por ejemplo 84408-038-150516.")}
        <Field id="ownerAgentId" label="Agente propietario" errors={errors.ownerAgentId} hint="Planta Envasadora, Distribuidor a Granel o Productor / Comercializador que la inscribió.">
          <select value={values.ownerAgentId} onChange={set("ownerAgentId")} disabled={locked} className={inputClass} {...describedBy("ownerAgentId", errors.ownerAgentId, true)}>
            <option value="">Seleccione…</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.label}
              </option>
            ))}
          </select>
        </Field>
        {field("capacity", "Capacidad (galones)", { inputMode: "decimal", className: `${inputClass} text-right` }, "Capacidad autorizada del tanque, hasta dos decimales.")}
        {field("insuranceExpiresOn", "Vencimiento del seguro", { type: "date" }, "Póliza de responsabilidad civil extracontractual (D.S. 01-94-EM, art. 31).")}
      </div>
      {locked ? (
        <p className="text-slate-600">La inscripción está cancelada: sus datos ya no se modifican.</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {pending ? "Guardando…" : truckId ? "Guardar Cambios" : "Inscribir Cisterna"}
          </Button>
          <ButtonLink href="/cisternas" variant="secondary">
            {truckId ? "Volver" : "Cancelar"}
          </ButtonLink>
        </div>
      )}
    </form>
  );
}
