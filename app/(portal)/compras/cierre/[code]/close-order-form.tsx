"use client";

import { useState } from "react";
import { lazy } from "@/components/forms/lazy";
import { Wizard, checkWith, useWizard } from "@/components/forms/wizard";
import { BlockedNotice, type Blocked } from "@/components/order/blocked-notice";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Cell, Table } from "@/components/ui/table";
import type { CloseOrderInput } from "@/lib/orders/schemas";
import { formatDay, formatLimaDateTime, limaDateTimeInputToIso } from "@/lib/lima-clock";
import { formatGallons } from "@/lib/volume";
import { closeOrderAction } from "../../actions";

const schemas = lazy(() => import("@/lib/orders/schemas"));

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

/** Errors are keyed by the control's id ("lots.0.receivedVolume", "nonDeliveryKnownAt"); "lots" and "code" have none. */
const controlOf = (key: string) => (/^(lots\.\d+\.(receivedVolume|unloadedAt)|nonDeliveryKnownAt)$/.test(key) ? key : undefined);

/**
 * "Registrar Cierre" on the shared wizard (components/forms/wizard.tsx): per lot, the Cantidad
 * Recibida and the Fecha y hora de descarga (or its rejection), then "Vista Previa" and the sworn
 * declaration. The shared schema (closurePreviewSchema) bounds each quantity by the sold one and
 * each descarga by the truck's departure and the present; the server checks them again with its
 * clock. `now` is the page's present as a datetime-local value (Lima), the default descarga.
 */
export function CloseOrderForm({ code, lots, blocked, now, requestedAt }: { code: string; lots: LotRow[]; blocked: Blocked | null; now: string; requestedAt: string }) {
  const [entries, setEntries] = useState<Entry[]>(lots.map(() => ({ received: "", unloadedAt: now, rejected: false })));
  const [knownAt, setKnownAt] = useState(now);
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

  const wizard = useWizard({
    // The same bounds the server checks, against the present of this browser (the server's own
    // clock decides at registration).
    check: async () => {
      const toClose = lots.map((lot) => ({ soldVolume: lot.soldVolume, departure: { at: new Date(lot.departure.at), kind: lot.departure.kind } }));
      return checkWith((await schemas()).closurePreviewSchema(toClose, new Date(requestedAt), new Date()), input());
    },
    send: (preview) => closeOrderAction(preview.input),
    warm: schemas,
  });
  const errors = wizard.action.errors;

  function update(index: number, change: Partial<Entry>) {
    setEntries((current) => current.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  }

  /** A datetime-local value as the preview shows it: the page's minute when left at "now". */
  const shown = (value: string) => formatLimaDateTime(new Date(limaDateTimeInputToIso(value)!));

  if (wizard.step.name !== "done" && blocked) return <BlockedNotice blocked={blocked} back="/compras/cierre" />;

  return (
    <Wizard
      wizard={wizard}
      fieldId={controlOf}
      previewTitle="Vista Previa del Cierre"
      confirmLabel="Registrar Cierre"
      fields={
        <>
          {lots.map((lot, i) => {
            const receivedId = `lots.${i}.receivedVolume`;
            const unloadedId = `lots.${i}.unloadedAt`;
            const rejected = entries[i].rejected;
            return (
              <fieldset key={lot.position} className="min-w-0 rounded-md border border-slate-200 bg-white p-3">
                <legend className="px-1 font-semibold text-scop-800">Lote {lot.position}</legend>
                <dl className="mb-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                  <div>
                    <dt className="font-semibold text-slate-600">Placa</dt>
                    <dd className="font-mono">{lot.plate}</dd>
                  </div>
                  <div>
                    <dt className="font-semibold text-slate-600">Cantidad Vendida (gal)</dt>
                    <dd>{formatGallons(lot.soldVolume)}</dd>
                  </div>
                  <div>
                    <dt className="font-semibold text-slate-600">Guía de Remisión</dt>
                    <dd className="break-all">{lot.guiaRemision}</dd>
                  </div>
                  <div>
                    <dt className="font-semibold text-slate-600">Factura</dt>
                    <dd className="break-all">{lot.factura}</dd>
                  </div>
                </dl>
                <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                  <Field
                    id={receivedId}
                    label={
                      <>
                        Cantidad Recibida<span className="sr-only"> del lote {lot.position}</span> (gal)
                      </>
                    }
                    hint={rejected ? "Lote rechazado." : `Mayor que cero y hasta ${formatGallons(lot.soldVolume)}.`}
                    errors={errors[receivedId]}
                  >
                    <input
                      value={entries[i].received}
                      onChange={(event) => update(i, { received: event.target.value })}
                      disabled={rejected}
                      inputMode="decimal"
                      autoComplete="off"
                      className={`${inputClass} text-right`}
                      {...describedBy(receivedId, errors[receivedId], true)}
                    />
                  </Field>
                  <Field
                    id={unloadedId}
                    label={
                      <>
                        Fecha y hora de descarga<span className="sr-only"> del lote {lot.position}</span>
                      </>
                    }
                    hint={`Hora de Lima. Por omisión, ahora. No anterior ${lot.departure.kind === "venta" ? "a la venta" : "al despacho"}: ${formatLimaDateTime(new Date(lot.departure.at))}.`}
                    errors={errors[unloadedId]}
                  >
                    <input
                      type="datetime-local"
                      value={entries[i].unloadedAt}
                      onChange={(event) => update(i, { unloadedAt: event.target.value })}
                      disabled={rejected}
                      max={now}
                      className={inputClass}
                      {...describedBy(unloadedId, errors[unloadedId], true)}
                    />
                  </Field>
                  <label className="inline-flex min-h-11 items-center gap-2 self-start sm:mt-7">
                    <input type="checkbox" checked={rejected} onChange={(event) => update(i, { rejected: event.target.checked })} className="h-5 w-5" />
                    Rechazar lote {lot.position}
                  </label>
                </div>
              </fieldset>
            );
          })}
          {allRejected ? (
            <div className="max-w-md">
              <Field
                id="nonDeliveryKnownAt"
                label="Fecha y hora en que supo que el producto no llegaría"
                hint="Rechaza todos los lotes: la orden quedará RECHAZADO. El rechazo corresponde a ese mismo día (hora de Lima)."
                errors={errors.nonDeliveryKnownAt}
              >
                <input
                  type="datetime-local"
                  value={knownAt}
                  onChange={(event) => setKnownAt(event.target.value)}
                  max={now}
                  className={inputClass}
                  {...describedBy("nonDeliveryKnownAt", errors.nonDeliveryKnownAt, true)}
                />
              </Field>
            </div>
          ) : null}
        </>
      }
      editActions={
        <ButtonLink href="/compras/cierre" variant="secondary">
          Cerrar Ventana
        </ButtonLink>
      }
      preview={({ parsed }) => (
        <>
          <Alert tone="warning">
            Revise las cantidades y las fechas. Al registrar el cierre usted declara, en calidad de <strong>declaración jurada</strong>, haber recibido
            físicamente en su establecimiento las cantidades consignadas, descargadas en las fechas y horas indicadas.
          </Alert>
          <Table caption="Lotes de la orden" layout="cards">
            <thead>
              <tr>
                <th>Lote</th>
                <th>Placa</th>
                <th>Guía de Remisión / Factura</th>
                <th className="text-right">Cantidad Vendida (gal)</th>
                <th className="text-right">Cantidad Recibida (gal)</th>
                <th>Fecha y hora de descarga</th>
              </tr>
            </thead>
            <tbody>
              {parsed.lots.map((entry, i) => (
                <tr key={entry.position}>
                  <Cell label="Lote" className="font-semibold">
                    {entry.position}
                  </Cell>
                  <Cell label="Placa" className="font-mono">
                    {lots[i].plate}
                  </Cell>
                  <Cell label="Guía de Remisión / Factura" className="break-all">
                    {lots[i].guiaRemision}
                    <span className="block text-xs text-slate-600">{lots[i].factura}</span>
                  </Cell>
                  <Cell label="Cantidad Vendida (gal)" className="text-right">
                    {formatGallons(lots[i].soldVolume)}
                  </Cell>
                  <Cell label="Cantidad Recibida (gal)" className="text-right">
                    {entry.rejected ? <strong className="text-red-800">Rechazado</strong> : formatGallons(entry.receivedVolume)}
                  </Cell>
                  <Cell label="Fecha y hora de descarga" className="sm:whitespace-nowrap">
                    {entry.rejected ? "—" : shown(entries[i].unloadedAt)}
                  </Cell>
                </tr>
              ))}
            </tbody>
          </Table>
          {parsed.lots.every((entry) => entry.rejected) ? (
            <dl className="text-sm">
              <dt className="font-semibold text-slate-600">Fecha y hora en que supo que el producto no llegaría</dt>
              <dd>{shown(knownAt)}</dd>
            </dl>
          ) : null}
        </>
      )}
      done={(closure) => {
        const closed = closure.state === "CERRADO";
        const act = closed ? "El cierre" : "El rechazo";
        const day = closed ? `de la descarga (${formatDay(closure.dueDay)})` : `en que supo que el producto no llegaría (${formatDay(closure.dueDay)})`;
        return (
          <>
            <Alert tone={closure.daysLate > 0 ? "warning" : "success"} title={`Cierre registrado: la orden ${code} se encuentra en estado ${closed ? "CERRADO" : "RECHAZADO"}.`}>
              {closure.daysLate > 0
                ? `${act} se registró ${closure.daysLate} ${closure.daysLate === 1 ? "día" : "días"} después del día ${day}: fuera de plazo.`
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
          </>
        );
      }}
    />
  );
}
