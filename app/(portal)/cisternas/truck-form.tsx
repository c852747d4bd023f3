"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { truckSchema, type TruckInput } from "@/lib/registry/truck-schema";
import { fieldErrorsOf } from "@/lib/validation";
import { createTruckAction, updateTruckAction } from "./actions";

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);

  const set = (field: keyof TruckFormValues) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    setSaved(false);
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  const input = (): TruckInput => ({ ...values, ownerAgentId: values.ownerAgentId });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = truckSchema.safeParse(input());
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Revise los datos ingresados.");
      return;
    }
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = truckId ? await updateTruckAction(truckId, input()) : await createTruckAction(input());
    setPending(false);
    if (!result.ok) {
      setMessage(result.message);
      setErrors(result.fieldErrors ?? {});
      return;
    }
    if (truckId) {
      setSaved(true);
      router.refresh();
    } else {
      router.push(`/cisternas/${(result.data as { id: number }).id}?inscrita=1`);
    }
  }

  const field = (name: keyof TruckFormValues, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field id={name} label={label} errors={errors[name]} hint={hint}>
      <input value={values[name]} onChange={set(name)} disabled={locked} className={inputClass} {...props} {...describedBy(name, errors[name], Boolean(hint))} />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
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
