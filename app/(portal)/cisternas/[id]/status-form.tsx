"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { truckStatusSchema, type TruckStatus } from "@/lib/registry/truck-schema";
import { fieldErrorsOf } from "@/lib/validation";
import { changeTruckStatusAction } from "../actions";

const ACTIONS: Record<TruckStatus, { target: TruckStatus; label: string; done: string; variant: "primary" | "danger" }[]> = {
  VIGENTE: [
    { target: "SUSPENDIDO", label: "Suspender Cisterna", done: "La cisterna quedó SUSPENDIDA: desde ahora no transporta lotes.", variant: "danger" },
    { target: "CANCELADO", label: "Cancelar Inscripción", done: "La inscripción quedó CANCELADA. La placa puede inscribirse de nuevo con otro registro.", variant: "danger" },
  ],
  SUSPENDIDO: [
    { target: "VIGENTE", label: "Rehabilitar Cisterna", done: "La cisterna quedó VIGENTE nuevamente.", variant: "primary" },
    { target: "CANCELADO", label: "Cancelar Inscripción", done: "La inscripción quedó CANCELADA. La placa puede inscribirse de nuevo con otro registro.", variant: "danger" },
  ],
  CANCELADO: [],
};

/** Changes the truck's state with a reason, which the audit log keeps. */
export function TruckStatusForm({ truckId, status }: { truckId: number; status: TruckStatus }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function change(target: TruckStatus, doneMessage: string) {
    const input = { truckId, status: target, reason };
    const parsed = truckStatusSchema.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = await changeTruckStatusAction(input);
    setPending(false);
    if (!result.ok) {
      setMessage(result.message);
      setErrors(result.fieldErrors ?? {});
      return;
    }
    setReason("");
    setDone(doneMessage);
    router.refresh();
  }

  if (status === "CANCELADO") {
    return (
      <div className="space-y-2">
        {done ? <Alert tone="success">{done}</Alert> : null}
        <p className="text-slate-600">La inscripción está cancelada: es definitiva. Para que la unidad vuelva a operar, inscríbala de nuevo con su nuevo número de registro.</p>
      </div>
    );
  }

  return (
    <form onSubmit={(event) => event.preventDefault()} noValidate className="space-y-3">
      {done ? <Alert tone="success">{done}</Alert> : null}
      {message ? <Alert tone="error">{message}</Alert> : null}
      <Field id="reason" label="Motivo del cambio de estado" hint="Queda en la auditoría, con su usuario, la fecha y la hora." errors={errors.reason ?? errors.status}>
        <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} className={inputClass} {...describedBy("reason", errors.reason ?? errors.status, true)} />
      </Field>
      <div className="flex flex-wrap gap-2">
        {ACTIONS[status].map((action) => (
          <Button key={action.target} variant={action.variant} disabled={pending} onClick={() => void change(action.target, action.done)}>
            {pending ? "Guardando…" : action.label}
          </Button>
        ))}
      </div>
    </form>
  );
}
