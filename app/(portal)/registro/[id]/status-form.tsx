"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { reasonSchema } from "@/lib/registry/agent-schema";
import { fieldErrorsOf } from "@/lib/validation";
import { reinstateAgentAction, suspendAgentAction } from "../actions";

/** "Suspender Inscripción" or "Rehabilitar Inscripción", with the reason. */
export function StatusForm({ agentId, status }: { agentId: number; status: string }) {
  const router = useRouter();
  const suspend = status === "VIGENTE";
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = reasonSchema.safeParse({ agentId, reason });
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = suspend ? await suspendAgentAction({ agentId, reason }) : await reinstateAgentAction({ agentId, reason });
    setPending(false);
    if (!result.ok) {
      setMessage(result.message);
      setErrors(result.fieldErrors ?? {});
      return;
    }
    setReason("");
    setDone(suspend ? "La inscripción quedó SUSPENDIDA: desde ahora el agente no puede comprar ni vender." : "La inscripción quedó VIGENTE nuevamente.");
    router.refresh();
  }

  if (status === "CANCELADO") return <p className="text-slate-600">La inscripción está cancelada.</p>;

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      {done ? <Alert tone="success">{done}</Alert> : null}
      {message ? <Alert tone="error">{message}</Alert> : null}
      <Field id="reason" label={suspend ? "Motivo de la suspensión" : "Motivo de la rehabilitación"} errors={errors.reason}>
        <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} className={inputClass} {...describedBy("reason", errors.reason)} />
      </Field>
      <Button type="submit" variant={suspend ? "danger" : "primary"} disabled={pending}>
        {pending ? "Guardando…" : suspend ? "Suspender Inscripción" : "Rehabilitar Inscripción"}
      </Button>
    </form>
  );
}
