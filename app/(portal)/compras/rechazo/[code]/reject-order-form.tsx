"use client";

import { useRef, useState } from "react";
import { ErrorSummary } from "@/components/forms/error-summary";
import { lazy } from "@/components/forms/lazy";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { BlockedNotice, type Blocked } from "@/components/order/blocked-notice";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { RejectOrderInput } from "@/lib/orders/schemas";
import { formatDay, limaDateTimeInputToIso } from "@/lib/lima-clock";
import { rejectOrderAction } from "../../actions";

const schemas = lazy(() => import("@/lib/orders/schemas"));

/**
 * "Rechazar": the reason and when the buyer learned the product would not arrive (by default,
 * now). Stays mounted after its own success, when the re-rendered order can no longer be rejected.
 */
export function RejectOrderForm({ code, state, blocked, now, requestedAt }: { code: string; state: string; blocked: Blocked | null; now: string; requestedAt: string }) {
  const [reason, setReason] = useState("");
  const [knownAt, setKnownAt] = useState(now);
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<{ dueDay: string; daysLate: number } | null>(null);
  const action = useActionSubmit();
  const doneRef = useRef<HTMLDivElement>(null);
  const { errors } = action;

  // Left at its default ("now"), the time is not sent: the server takes the exact moment of the rejection.
  const input = (): RejectOrderInput => ({ code, reason, nonDeliveryKnownAt: knownAt === now ? undefined : (limaDateTimeInputToIso(knownAt) ?? knownAt) });

  /** "Rechazar Orden": the shared schema first (the reason; the notice not before the order nor in the future), then "¿Está seguro…?". */
  async function ask(event: React.FormEvent) {
    event.preventDefault();
    const present = new Date();
    if (!(await action.check(async () => (await schemas()).rejectionPreviewSchema(new Date(requestedAt), present), input()))) return;
    action.clear();
    setConfirming(true);
  }

  async function reject() {
    await action.submit(
      () => rejectOrderAction(input()),
      (rejected) => {
        setDone({ dueDay: rejected.dueDay, daysLate: rejected.daysLate });
        // The form and its button are gone: the result takes the focus.
        requestAnimationFrame(() => doneRef.current?.focus());
      },
      () => setConfirming(false),
    );
  }

  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} className="space-y-4 outline-none">
        <Alert tone={done.daysLate > 0 ? "warning" : "success"} title={`La orden ${code} se encuentra en estado RECHAZADO.`}>
          <p>Se liberó el volumen en su capacidad de compra.</p>
          <p>
            {done.daysLate > 0
              ? `El rechazo se registró ${done.daysLate} ${done.daysLate === 1 ? "día" : "días"} después del día en que supo que el producto no llegaría (${formatDay(done.dueDay)}): fuera de plazo.`
              : `El rechazo se registró dentro del plazo: el mismo día en que supo que el producto no llegaría (${formatDay(done.dueDay)}).`}
          </p>
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
    <form onSubmit={(event) => void ask(event)} onFocus={() => void schemas()} noValidate className="space-y-4">
      <ErrorSummary action={action} />
      <p>
        Rechace la orden si el producto no llegará o si decide no recibir el GLP en su establecimiento, en cuanto lo sepa: el rechazo corresponde al
        mismo día (hora de Lima). Se puede rechazar mientras la orden no esté CERRADO. Indique el motivo: quedará registrado en los movimientos.
      </p>
      <Alert tone="info" title="¿Rechazar o anular?">
        <strong>Anular</strong> deja sin efecto una orden generada por error, solo mientras está SOLICITADO y sin motivo.{" "}
        <strong>Rechazar</strong> registra que usted no recibirá el producto, con el motivo y cuándo supo que no llegaría
        {state === "SOLICITADO" ? ", aunque el vendedor aún no haya registrado la venta" : ""}. Ambos liberan su capacidad de compra y no se pueden deshacer.
      </Alert>
      <Field id="reason" label="Motivo del rechazo" errors={errors.reason}>
        <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} disabled={confirming} className={inputClass} {...describedBy("reason", errors.reason)} />
      </Field>
      <div className="max-w-md">
        <Field id="nonDeliveryKnownAt" label="Fecha y hora en que supo que el producto no llegaría" hint="Hora de Lima. Por omisión, ahora." errors={errors.nonDeliveryKnownAt}>
          <input type="datetime-local" value={knownAt} onChange={(event) => setKnownAt(event.target.value)} max={now} disabled={confirming} className={inputClass} {...describedBy("nonDeliveryKnownAt", errors.nonDeliveryKnownAt, true)} />
        </Field>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={`¿Está seguro de rechazar la orden ${code}? Esta acción no se puede deshacer.`}
          pending={action.pending}
          pendingLabel="Rechazando…"
          onConfirm={() => void reject()}
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
