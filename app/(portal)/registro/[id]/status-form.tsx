"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { reinstateAgentAction, suspendAgentAction } from "../actions";

const schemas = lazy(() => import("@/lib/registry/agent-schema"));

/** "Suspender Inscripción" or "Rehabilitar Inscripción", with the reason. */
export function StatusForm({ agentId, status }: { agentId: number; status: string }) {
  const router = useRouter();
  const action = useActionSubmit();
  const suspend = status === "VIGENTE";
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    const input = { agentId, reason };
    if (!(await action.check(async () => (await schemas()).reasonSchema, input))) return;
    const succeeded = () => {
      setReason("");
      setDone(suspend ? "La inscripción quedó SUSPENDIDA: desde ahora el agente no puede comprar ni vender." : "La inscripción quedó VIGENTE nuevamente.");
      router.refresh();
    };
    await (suspend ? action.submit(() => suspendAgentAction(input), succeeded) : action.submit(() => reinstateAgentAction(input), succeeded));
  }

  if (status === "CANCELADO") return <p className="text-slate-600">La inscripción está cancelada.</p>;

  return (
    <form onSubmit={submit} onFocus={() => void schemas().catch(() => undefined)} noValidate className="space-y-3">
      {done ? <Alert tone="success">{done}</Alert> : null}
      <ErrorSummary action={action} />
      <Field id="reason" label={suspend ? "Motivo de la suspensión" : "Motivo de la rehabilitación"} errors={action.errors.reason}>
        <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={2} className={inputClass} {...describedBy("reason", action.errors.reason)} />
      </Field>
      <Button type="submit" variant={suspend ? "danger" : "primary"} disabled={action.pending}>
        {action.pending ? "Guardando…" : suspend ? "Suspender Inscripción" : "Rehabilitar Inscripción"}
      </Button>
    </form>
  );
}
