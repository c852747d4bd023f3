"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { BlockedNotice, type Blocked } from "@/components/order/blocked-notice";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import type { FieldErrors } from "@/lib/errors";
import { nonDeliveryKnownAtProblem, unloadedAtProblem } from "@/lib/orders/receipt";
import { closeOrderSchema, type CloseOrderInput } from "@/lib/orders/schemas";
import { formatDay, formatLimaDateTime, limaDateTimeInputToIso } from "@/lib/time";
import { fieldErrorsOf } from "@/lib/validation";
import { formatGallons, parseGallons } from "@/lib/volume";
import { closeOrderAction } from "../../actions";

interface LotRow {
  position: number;
  soldVolume: number;
  dispatchedVolume: number | null;
  plate: string;
  guiaRemision: string;
  factura: string;
  /** when the truck left: the lot's dispatch (flow b) or the sale (flow a), ISO */
  departure: { at: string; kind: "venta" | "despacho" };
}

interface Entry {
  received: string;
  /** "Fecha y hora de descarga", a datetime-local value in Lima time */
  unloadedAt: string;
  rejected: boolean;
}

type Step = "edit" | "preview" | { state: string; dueDay: string; daysLate: number };

const UNLOADED_HINT = "Hora de Lima. Por omisión, ahora.";

/**
 * "Registrar Cierre": per lot, the Cantidad Recibida and the Fecha y hora de descarga (or its
 * rejection), then "Vista Previa" and the sworn declaration. `now` is the page's present as a
 * datetime-local value (Lima), the default descarga.
 */
export function CloseOrderForm({ code, lots, blocked, now, requestedAt }: { code: string; lots: LotRow[]; blocked: Blocked | null; now: string; requestedAt: string }) {
  const [entries, setEntries] = useState<Entry[]>(lots.map(() => ({ received: "", unloadedAt: now, rejected: false })));
  const [knownAt, setKnownAt] = useState(now);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [step, setStep] = useState<Step>("edit");
  const [pending, setPending] = useState(false);
  const allRejected = entries.every((entry) => entry.rejected);

  // A time left at its default ("now") is not sent: the server then takes the exact moment of the
  // closure, not the page's minute (which may fall seconds before the sale).
  const declared = (value: string) => (value === now ? undefined : (limaDateTimeInputToIso(value) ?? value));
  const input = (): CloseOrderInput => ({
    code,
    lots: lots.map((lot, i) =>
      entries[i].rejected
        ? { position: lot.position, rejected: true }
        : { position: lot.position, rejected: false, receivedVolume: entries[i].received, unloadedAt: declared(entries[i].unloadedAt) },
    ),
    ...(allRejected ? { nonDeliveryKnownAt: declared(knownAt) } : {}),
  });

  function update(index: number, change: Partial<Entry>) {
    setEntries((current) => current.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  }

  function preview(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    const parsed = closeOrderSchema.safeParse(input());
    const found = parsed.success ? {} : fieldErrorsOf(parsed.error);
    // The same bounds the server checks, against the present of this browser (the server's own
    // clock decides at registration).
    const present = new Date();
    lots.forEach((lot, i) => {
      if (entries[i].rejected) return;
      const received = parseGallons(entries[i].received);
      if (received !== null && received > lot.soldVolume) {
        found[`lots.${i}.receivedVolume`] = [`La cantidad recibida no puede superar la cantidad vendida (${formatGallons(lot.soldVolume)} gal).`];
      }
      const iso = entries[i].unloadedAt === now ? present.toISOString() : limaDateTimeInputToIso(entries[i].unloadedAt);
      const problem = iso ? unloadedAtProblem(new Date(iso), { at: new Date(lot.departure.at), kind: lot.departure.kind }, present) : "Ingrese la fecha y hora de descarga.";
      if (problem) found[`lots.${i}.unloadedAt`] = [problem];
    });
    if (allRejected) {
      const iso = knownAt === now ? present.toISOString() : limaDateTimeInputToIso(knownAt);
      const problem = iso ? nonDeliveryKnownAtProblem(new Date(iso), new Date(requestedAt), present) : "Ingrese la fecha y hora en que supo que el producto no llegaría.";
      if (problem) found.nonDeliveryKnownAt = [problem];
    }
    setErrors(found);
    if (Object.keys(found).length === 0) setStep("preview");
  }

  async function register() {
    setPending(true);
    const result = await closeOrderAction(input());
    setPending(false);
    if (result.ok) {
      setStep({ state: result.data.state, dueDay: result.data.dueDay, daysLate: result.data.daysLate });
      return;
    }
    setMessage(result.message);
    setErrors(result.fieldErrors ?? {});
    setStep("edit");
  }

  if (typeof step === "object") {
    const closed = step.state === "CERRADO";
    const act = closed ? "El cierre" : "El rechazo";
    const day = closed ? `de la descarga (${formatDay(step.dueDay)})` : `en que supo que el producto no llegaría (${formatDay(step.dueDay)})`;
    return (
      <div className="space-y-4">
        <Alert tone={step.daysLate > 0 ? "warning" : "success"} title={`Cierre registrado: la orden ${code} se encuentra en estado ${closed ? "CERRADO" : "RECHAZADO"}.`}>
          {step.daysLate > 0
            ? `${act} se registró ${step.daysLate} ${step.daysLate === 1 ? "día" : "días"} después del día ${day}: fuera de plazo.`
            : `${act} se registró dentro del plazo: el mismo día ${day}.`}
        </Alert>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/ordenes/${code}/movimientos`}>Ver Mov.</ButtonLink>
          <ButtonLink href={`/ordenes/${code}`} variant="secondary">
            Ver Detalle
          </ButtonLink>
          <ButtonLink href="/compras/cierre" variant="secondary">
            Volver a Cierre de Orden de Pedido
          </ButtonLink>
        </div>
      </div>
    );
  }

  if (blocked) return <BlockedNotice blocked={blocked} back="/compras/cierre" />;

  const editing = step === "edit";
  return (
    <form onSubmit={preview} noValidate className="space-y-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      {errors.lots ? <Alert tone="error">{errors.lots.join(" ")}</Alert> : null}
      {!editing ? (
        <Alert tone="warning" title="Vista Previa del cierre">
          Revise las cantidades y las fechas. Al registrar el cierre usted declara, en calidad de <strong>declaración jurada</strong>, haber recibido
          físicamente en su establecimiento las cantidades consignadas, descargadas en las fechas y horas indicadas.
        </Alert>
      ) : null}
      <Table caption="Lotes de la orden">
        <thead>
          <tr>
            <th>Lote</th>
            <th>Placa</th>
            <th>Guía de Remisión / Factura</th>
            <th className="text-right">Cantidad Vendida (gal)</th>
            <th>Cantidad Recibida (gal)</th>
            <th>Fecha y hora de descarga</th>
            <th>Rechazar</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot, i) => {
            const id = `lots.${i}.receivedVolume`;
            const unloadedId = `lots.${i}.unloadedAt`;
            const fieldErrors = errors[id];
            const unloadedErrors = errors[unloadedId];
            return (
              <tr key={lot.position}>
                <td>{lot.position}</td>
                <td>{lot.plate}</td>
                <td>
                  {lot.guiaRemision}
                  <span className="block text-xs text-slate-600">{lot.factura}</span>
                </td>
                <td className="text-right">{formatGallons(lot.soldVolume)}</td>
                <td className="min-w-40">
                  {editing ? (
                    <>
                      <label htmlFor={id} className="sr-only">
                        Cantidad Recibida del lote {lot.position}
                      </label>
                      <input
                        value={entries[i].received}
                        onChange={(event) => update(i, { received: event.target.value })}
                        disabled={entries[i].rejected}
                        inputMode="decimal"
                        autoComplete="off"
                        className={inputClass}
                        {...describedBy(id, fieldErrors)}
                      />
                      {fieldErrors ? (
                        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                          {fieldErrors.join(" ")}
                        </p>
                      ) : null}
                    </>
                  ) : entries[i].rejected ? (
                    "—"
                  ) : (
                    formatGallons(parseGallons(entries[i].received) ?? 0)
                  )}
                </td>
                <td className="min-w-52">
                  {editing ? (
                    <>
                      <label htmlFor={unloadedId} className="sr-only">
                        Fecha y hora de descarga del lote {lot.position}
                      </label>
                      <input
                        type="datetime-local"
                        value={entries[i].unloadedAt}
                        onChange={(event) => update(i, { unloadedAt: event.target.value })}
                        disabled={entries[i].rejected}
                        max={now}
                        className={inputClass}
                        {...describedBy(unloadedId, unloadedErrors, true)}
                      />
                      <p id={`${unloadedId}-hint`} className="mt-1 text-xs text-slate-600">
                        {UNLOADED_HINT} No anterior {lot.departure.kind === "venta" ? "a la venta" : "al despacho"}: {formatLimaDateTime(new Date(lot.departure.at))}.
                      </p>
                      {unloadedErrors ? (
                        <p id={`${unloadedId}-error`} className="mt-1 text-sm text-red-700">
                          {unloadedErrors.join(" ")}
                        </p>
                      ) : null}
                    </>
                  ) : entries[i].rejected ? (
                    "—"
                  ) : (
                    formatLimaDateTime(new Date(limaDateTimeInputToIso(entries[i].unloadedAt)!))
                  )}
                </td>
                <td>
                  {editing ? (
                    <label className="inline-flex items-center gap-2">
                      <input type="checkbox" checked={entries[i].rejected} onChange={(event) => update(i, { rejected: event.target.checked })} className="h-5 w-5" />
                      Rechazar lote {lot.position}
                    </label>
                  ) : entries[i].rejected ? (
                    <strong className="text-red-800">Rechazado</strong>
                  ) : (
                    "No"
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {allRejected ? (
        <div className="max-w-md">
          <Field
            id="nonDeliveryKnownAt"
            label="Fecha y hora en que supo que el producto no llegaría"
            hint="Rechaza todos los lotes: la orden quedará RECHAZADO. El rechazo corresponde a ese mismo día (hora de Lima)."
            errors={errors.nonDeliveryKnownAt}
          >
            {editing ? (
              <input type="datetime-local" value={knownAt} onChange={(event) => setKnownAt(event.target.value)} max={now} className={inputClass} {...describedBy("nonDeliveryKnownAt", errors.nonDeliveryKnownAt, true)} />
            ) : (
              <p id="nonDeliveryKnownAt">{formatLimaDateTime(new Date(limaDateTimeInputToIso(knownAt)!))}</p>
            )}
          </Field>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {editing ? (
          <>
            <Button type="submit">Vista Previa</Button>
            <ButtonLink href="/compras/cierre" variant="secondary">
              Cerrar Ventana
            </ButtonLink>
          </>
        ) : (
          <>
            <Button onClick={register} disabled={pending}>
              {pending ? "Registrando…" : "Registrar Cierre"}
            </Button>
            <Button variant="secondary" onClick={() => setStep("edit")} disabled={pending}>
              Corregir
            </Button>
          </>
        )}
      </div>
    </form>
  );
}
