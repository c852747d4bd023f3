"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { TruckStatus } from "@/lib/registry/truck-schema";
import { changeTruckStatusAction } from "../actions";

const schemas = lazy(() => import("@/lib/registry/truck-schema"));

/** The reason's textarea shows the errors of both keys: the summary's links go there. */
const fieldId = (key: string) => (key === "reason" || key === "status" ? "reason" : undefined);

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
  const [done, setDone] = useState<string | null>(null);
  const action = useActionSubmit();
  const { errors, pending } = action;

  async function change(target: TruckStatus, doneMessage: string) {
    const input = { truckId, status: target, reason };
    setDone(null);
    if (!(await action.check(async () => (await schemas()).truckStatusSchema, input))) return;
    await action.submit(
      () => changeTruckStatusAction(input),
      () => {
        setReason("");
        setDone(doneMessage);
        router.refresh();
      },
    );
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
    <form onSubmit={(event) => event.preventDefault()} onFocus={() => void schemas().catch(() => undefined)} noValidate className="space-y-3">
      <ErrorSummary action={action} fieldId={fieldId} />
      {done ? <Alert tone="success">{done}</Alert> : null}
      <Field id="reason" label="Motivo del cambio de estado" hint="Queda en la auditoría, con su usuario, la fecha y la hora." errors={errors.reason ?? errors.status}>
        <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} className={inputClass} {...describedBy("reason", errors.reason ?? errors.status, true)} />
      </Field>
      <div className="flex flex-wrap gap-2">
        {ACTIONS[status].map((choice) => (
          <Button key={choice.target} variant={choice.variant} disabled={pending} onClick={() => void change(choice.target, choice.done)}>
            {pending ? "Guardando…" : choice.label}
          </Button>
        ))}
      </div>
    </form>
  );
}
