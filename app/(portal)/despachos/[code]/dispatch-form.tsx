"use client";

import { useState } from "react";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { dispatchOrderSchema } from "@/lib/orders/schemas";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { formatLimaDateTime } from "@/lib/time";
import { fieldErrorsOf } from "@/lib/validation";
import { formatGallons, toDecimalString } from "@/lib/volume";
import { registerDispatch, type DispatchRegistered } from "../actions";

type FieldErrors = Record<string, string[]>;

export interface SoldLotView {
  position: number;
  soldVolume: number;
  plate: string;
  guiaRemision: string;
}

interface DispatchRow {
  volume: string;
  plate: string;
  dispatchedAt: string;
}

interface DispatchedLot {
  position: number;
  volume: number;
  plate?: string;
  dispatchedAt?: Date;
}

const WINDOW_MESSAGE = "La hora de despacho debe estar entre la venta y este momento.";
const DATE_MESSAGE = "Ingrese una fecha y hora de despacho válida.";

/**
 * A datetime-local value ("2026-03-05T10:30" or with seconds) read as Lima time, as an ISO
 * string with Lima's offset. Peru keeps UTC-5 all year (no daylight saving time).
 */
function limaLocalToIso(value: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2})?(\.\d+)?$/.exec(value.trim());
  if (!match) return null;
  const iso = `${match[1]}${match[2] ?? ":00"}-05:00`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

/** Why an order cannot be dispatched unless it is ACEPTADO/VENDIDO. */
const NOT_DISPATCHABLE: Record<Exclude<OrderState, "VENDIDO">, string> = {
  SOLICITADO: "El vendedor aún no registra la venta: el despacho se registra después de la venta.",
  POR_CERRAR: "El despacho ya fue registrado: la orden espera el cierre del comprador.",
  CERRADO: "El comprador ya cerró la orden: recibió el GLP y dio su conformidad.",
  ANULADO: "El comprador anuló la orden: este Código de Autorización ya no puede usarse para despachar GLP.",
  RECHAZADO: "El comprador rechazó la orden: no corresponde despachar GLP con este Código de Autorización.",
};

export function DispatchForm({
  code,
  state,
  soldAt,
  defaultDispatchedAt,
  lots,
  trucks = [],
  children,
}: {
  /** the registered trucks that may load this order, for the plate's typeahead */
  trucks?: { plate: string; label: string }[];
  code: string;
  state: string;
  /** ISO instant of the sale */
  soldAt: string | null;
  /** "now" in Lima as a datetime-local value */
  defaultDispatchedAt: string;
  lots: SoldLotView[];
  /** the order summary */
  children: React.ReactNode;
}) {
  const [rows, setRows] = useState<DispatchRow[]>(() =>
    lots.map((lot) => ({ volume: toDecimalString(lot.soldVolume), plate: lot.plate, dispatchedAt: defaultDispatchedAt })),
  );
  const [preview, setPreview] = useState<DispatchedLot[] | null>(null);
  const { pending, message, errors, setMessage, setErrors, submit } = useActionSubmit();
  const [done, setDone] = useState<DispatchRegistered | null>(null);

  function update(index: number, name: keyof DispatchRow, value: string) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [name]: value } : row)));
  }

  /** The action's input, and the errors found before any schema runs (an unreadable date). */
  function input() {
    const dateErrors: FieldErrors = {};
    const data = {
      code,
      lots: lots.map((lot, index) => {
        const row = rows[index];
        const iso = limaLocalToIso(row.dispatchedAt);
        if (!iso) dateErrors[`lots.${index}.dispatchedAt`] = [DATE_MESSAGE];
        return {
          position: lot.position,
          volume: row.volume,
          plate: row.plate.trim() === "" ? undefined : row.plate,
          dispatchedAt: iso ?? undefined,
        };
      }),
    };
    return { data, dateErrors };
  }

  function showPreview() {
    setMessage(null);
    const { data, dateErrors } = input();
    const parsed = dispatchOrderSchema.safeParse(data);
    const found: FieldErrors = { ...dateErrors, ...(parsed.success ? {} : fieldErrorsOf(parsed.error)) };
    if (parsed.success) {
      const now = Date.now();
      const sale = soldAt ? new Date(soldAt).getTime() : null;
      parsed.data.lots.forEach((entry, index) => {
        const lot = lots[index];
        if (entry.volume > lot.soldVolume) {
          found[`lots.${index}.volume`] = [`La cantidad despachada no puede superar la vendida (${formatGallons(lot.soldVolume)} gal).`];
        }
        const at = entry.dispatchedAt?.getTime();
        if (at !== undefined && (at > now || (sale !== null && at < sale))) found[`lots.${index}.dispatchedAt`] ??= [WINDOW_MESSAGE];
      });
    }
    if (!parsed.success || Object.keys(found).length) {
      setErrors(found);
      setMessage("Revise las cantidades y horas de despacho.");
      return;
    }
    setErrors({});
    setPreview(parsed.data.lots);
  }

  async function confirm() {
    // Back from the preview either way: to the confirmation, or to the form with its errors.
    await submit(() => registerDispatch(input().data), setDone, () => setPreview(null));
  }

  if (done) {
    return (
      <div className="space-y-6">
        <Alert tone="success" title="Despacho registrado.">
          <p>
            La orden <span className="font-mono font-bold">{done.code}</span> quedó en estado <strong>{STATE_LABELS[done.state]}</strong>. El
            comprador debe cerrarla el mismo día que reciba el GLP en su establecimiento.
          </p>
          <div className="mt-3 flex flex-wrap gap-4">
            <RowLink href={`/ordenes/${done.code}/movimientos`}>Ver Mov.</RowLink>
            <RowLink href={`/ordenes/${done.code}`}>Ver Detalle</RowLink>
            <RowLink href="/despachos">Volver a Despachos por Registrar</RowLink>
          </div>
        </Alert>
        {children}
      </div>
    );
  }

  if (state !== "VENDIDO") {
    const known = state as Exclude<OrderState, "VENDIDO">;
    return (
      <div className="space-y-6">
        <Alert tone="warning" title={`No se puede registrar el despacho: la orden está en estado ${STATE_LABELS[known] ?? state}.`}>
          <p>{NOT_DISPATCHABLE[known] ?? "Solo se registra el despacho de órdenes en estado ACEPTADO/VENDIDO."}</p>
          <div className="mt-3 flex flex-wrap gap-4">
            <RowLink href={`/ordenes/${code}/movimientos`}>Ver Mov.</RowLink>
            <RowLink href="/despachos">Volver a Despachos por Registrar</RowLink>
          </div>
        </Alert>
        {children}
      </div>
    );
  }

  const generalErrors = [...(errors.lots ?? []), ...(errors.code ?? []), ...(errors._form ?? [])];

  return (
    <div className="space-y-6">
      {children}
      <section aria-labelledby="dispatch-title" className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
        <h2 id="dispatch-title" className="text-lg font-semibold text-scop-800">
          {preview ? "Vista Previa del Despacho" : "Despacho por Lote"}
        </h2>
        {message ? (
          <Alert tone="error" title={message}>
            {generalErrors.length ? <p>{generalErrors.join(" ")}</p> : null}
          </Alert>
        ) : null}

        {preview ? (
          <>
            <Table caption="Despacho a registrar">
              <thead>
                <tr>
                  <th>Lote</th>
                  <th className="text-right">Cantidad Vendida (gal)</th>
                  <th className="text-right">Cantidad Despachada (gal)</th>
                  <th>Placa</th>
                  <th>Guía de Remisión</th>
                  <th>Fecha y Hora de Despacho</th>
                </tr>
              </thead>
              <tbody>
                {preview.map((entry, index) => (
                  <tr key={entry.position}>
                    <td>{entry.position}</td>
                    <td className="text-right">{formatGallons(lots[index].soldVolume)}</td>
                    <td className="text-right">{formatGallons(entry.volume)}</td>
                    <td>{entry.plate ?? lots[index].plate}</td>
                    <td>{lots[index].guiaRemision}</td>
                    <td className="whitespace-nowrap">{entry.dispatchedAt ? formatLimaDateTime(entry.dispatchedAt) : "Al registrar"}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>Total</th>
                  <th className="text-right">{formatGallons(lots.reduce((sum, lot) => sum + lot.soldVolume, 0))}</th>
                  <th className="text-right">{formatGallons(preview.reduce((sum, entry) => sum + entry.volume, 0))}</th>
                  <th colSpan={3} />
                </tr>
              </tfoot>
            </Table>
            <p className="text-sm text-slate-700">
              Al registrar el despacho la orden pasará a estado <strong>{STATE_LABELS.POR_CERRAR}</strong>. Verifique los datos: el despacho no se
              puede modificar después.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => void confirm()} disabled={pending}>
                {pending ? "Registrando…" : "Registrar Despacho"}
              </Button>
              <Button variant="secondary" onClick={() => setPreview(null)} disabled={pending}>
                Corregir
              </Button>
            </div>
          </>
        ) : (
          <form
            noValidate
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              showPreview();
            }}
          >
            <datalist id="dispatch-trucks">
              {trucks.map((truck) => (
                <option key={truck.plate} value={truck.plate}>
                  {truck.label}
                </option>
              ))}
            </datalist>
            {lots.map((lot, index) => {
              const row = rows[index];
              const ids = {
                volume: `dispatch-${lot.position}-volume`,
                plate: `dispatch-${lot.position}-plate`,
                dispatchedAt: `dispatch-${lot.position}-at`,
              };
              const fieldErrors = {
                volume: errors[`lots.${index}.volume`],
                plate: errors[`lots.${index}.plate`],
                dispatchedAt: errors[`lots.${index}.dispatchedAt`],
              };
              const otherErrors = [...(errors[`lots.${index}.position`] ?? []), ...(errors[`lots.${index}`] ?? [])];
              return (
                <fieldset key={lot.position} className="rounded-md border border-slate-200 p-3">
                  <legend className="px-1 font-semibold text-scop-800">Lote {lot.position}</legend>
                  <dl className="mb-3 grid gap-2 text-sm sm:grid-cols-3">
                    <div>
                      <dt className="font-semibold text-slate-600">Cantidad Vendida (gal)</dt>
                      <dd>{formatGallons(lot.soldVolume)}</dd>
                    </div>
                    <div>
                      <dt className="font-semibold text-slate-600">Placa de la Cisterna</dt>
                      <dd>{lot.plate}</dd>
                    </div>
                    <div>
                      <dt className="font-semibold text-slate-600">Guía de Remisión</dt>
                      <dd>{lot.guiaRemision}</dd>
                    </div>
                  </dl>
                  <div className="grid gap-3 sm:grid-cols-3">
                    <Field id={ids.volume} label="Cantidad Despachada (gal)" hint="No puede superar la cantidad vendida." errors={fieldErrors.volume}>
                      <input
                        name={`lots.${index}.volume`}
                        value={row.volume}
                        onChange={(event) => update(index, "volume", event.target.value)}
                        inputMode="decimal"
                        autoComplete="off"
                        className={`${inputClass} text-right`}
                        {...describedBy(ids.volume, fieldErrors.volume, true)}
                      />
                    </Field>
                    <Field id={ids.plate} label="Placa" hint="Cambie la placa solo si cargó otra cisterna registrada del vendedor o del comprador." errors={fieldErrors.plate}>
                      <input
                        name={`lots.${index}.plate`}
                        value={row.plate}
                        onChange={(event) => update(index, "plate", event.target.value)}
                        autoComplete="off"
                        autoCapitalize="characters"
                        list="dispatch-trucks"
                        className={`${inputClass} uppercase`}
                        {...describedBy(ids.plate, fieldErrors.plate, true)}
                      />
                    </Field>
                    <Field id={ids.dispatchedAt} label="Fecha y Hora de Despacho" hint="Hora de Lima." errors={fieldErrors.dispatchedAt}>
                      <input
                        name={`lots.${index}.dispatchedAt`}
                        type="datetime-local"
                        step={1}
                        value={row.dispatchedAt}
                        onChange={(event) => update(index, "dispatchedAt", event.target.value)}
                        className={inputClass}
                        {...describedBy(ids.dispatchedAt, fieldErrors.dispatchedAt, true)}
                      />
                    </Field>
                  </div>
                  {otherErrors.length ? <p className="mt-2 text-sm text-red-700">{otherErrors.join(" ")}</p> : null}
                </fieldset>
              );
            })}
            <div className="flex flex-wrap gap-2">
              <Button type="submit">Vista Previa</Button>
              <ButtonLink href="/despachos" variant="secondary">
                Cerrar Ventana
              </ButtonLink>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}
