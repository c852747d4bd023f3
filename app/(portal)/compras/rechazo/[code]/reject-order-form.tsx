"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BlockedNotice, type Blocked } from "@/components/order/blocked-notice";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { rejectOrderSchema } from "@/lib/orders/schemas";
import { fieldErrorsOf } from "@/lib/validation";
import { rejectOrderAction } from "../../actions";


/** Stays mounted after its own success, when the re-rendered order can no longer be rejected. */
export function RejectOrderForm({ code, blocked }: { code: string; blocked: Blocked | null }) {
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState(false);

  function ask(event: React.FormEvent) {
    event.preventDefault();
    const parsed = rejectOrderSchema.safeParse({ code, reason });
    setErrors(parsed.success ? {} : fieldErrorsOf(parsed.error));
    setConfirming(parsed.success);
  }

  async function reject() {
    setPending(true);
    const result = await rejectOrderAction({ code, reason });
    setPending(false);
    setConfirming(false);
    if (result.ok) return setDone(true);
    setMessage(result.message);
    setErrors(result.fieldErrors ?? {});
  }

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title={`La orden ${code} se encuentra en estado RECHAZADO.`}>
          Se liberó el volumen en su capacidad de compra.
        </Alert>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/ordenes/${code}/movimientos`}>Ver Mov.</ButtonLink>
          <ButtonLink href="/ordenes" variant="secondary">
            Volver a Orden de Pedido
          </ButtonLink>
        </div>
      </div>
    );
  }

  if (blocked) return <BlockedNotice blocked={blocked} back={`/ordenes/${code}`} />;

  return (
    <form onSubmit={ask} noValidate className="space-y-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <p>Rechace la orden si decide no recibir el GLP en su establecimiento. Indique el motivo: quedará registrado en los movimientos.</p>
      <Field id="reason" label="Motivo del rechazo" errors={errors.reason}>
        <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} disabled={confirming} className={inputClass} {...describedBy("reason", errors.reason)} />
      </Field>
      {confirming ? (
        <ConfirmDialog
          title={`¿Está seguro de rechazar la orden ${code}? Esta acción no se puede deshacer.`}
          pending={pending}
          pendingLabel="Rechazando…"
          onConfirm={reject}
          onCancel={() => setConfirming(false)}
        />
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger">
            Rechazar Orden
          </Button>
          <ButtonLink href={`/ordenes/${code}`} variant="secondary">
            Cerrar Ventana
          </ButtonLink>
        </div>
      )}
    </form>
  );
}
