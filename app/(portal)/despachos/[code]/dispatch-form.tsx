"use client";

import { useState } from "react";
import { lazy } from "@/components/forms/lazy";
import { Wizard, checkWith, useWizard } from "@/components/forms/wizard";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, RowLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Cell, Table } from "@/components/ui/table";
import type { DispatchOrderInput } from "@/lib/orders/schemas";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { formatLimaDateTime, limaDateTimeInputToIso } from "@/lib/lima-clock";
import { formatGallons, toDecimalString } from "@/lib/volume";
import { registerDispatch } from "../actions";

const schemas = lazy(() => import("@/lib/orders/schemas"));

export interface SoldLotView {
  position: number;
  soldVolume: number;
  plate: string;
  guiaRemision: string;
}

interface DispatchRow {
  volume: string;
  plate: string;
  /** a datetime-local value, Lima time, to the second */
  dispatchedAt: string;
}

/** Why an order cannot be dispatched unless it is ACEPTADO/VENDIDO. */
const NOT_DISPATCHABLE: Record<Exclude<OrderState, "VENDIDO">, string> = {
  SOLICITADO: "El vendedor aún no registra la venta: el despacho se registra después de la venta.",
  POR_CERRAR: "El despacho ya fue registrado: la orden espera el cierre del comprador.",
  CERRADO: "El comprador ya cerró la orden: recibió el GLP y dio su conformidad.",
  ANULADO: "El comprador anuló la orden: este Código de Autorización ya no puede usarse para despachar GLP.",
  RECHAZADO: "El comprador rechazó la orden: no corresponde despachar GLP con este Código de Autorización.",
};

const FIELDS = { volume: "volume", plate: "plate", dispatchedAt: "at" } as const;

/** The control that shows a lot's field errors ("lots.0.volume" → "dispatch-1-volume"), for the error summary's links. */
const lotFieldId = (lots: SoldLotView[]) => (key: string) => {
  const match = /^lots\.(\d+)\.(volume|plate|dispatchedAt)$/.exec(key);
  const lot = match ? lots[Number(match[1])] : undefined;
  return lot ? `dispatch-${lot.position}-${FIELDS[match![2] as keyof typeof FIELDS]}` : undefined;
};

/**
 * "Registrar Despacho" on the shared wizard (components/forms/wizard.tsx): per lot, what left the
 * plant, in which registered truck and when (Lima time, read through lib/time.ts); "Vista Previa";
 * "Registrar Despacho". The shared schema (dispatchPreviewSchema) checks each quantity against the
 * sold one and each time between the sale and now; the server checks both again with its clock.
 */
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
  /** "now" in Lima as a datetime-local value, to the second */
  defaultDispatchedAt: string;
  lots: SoldLotView[];
  /** the order summary */
  children: React.ReactNode;
}) {
  const [rows, setRows] = useState<DispatchRow[]>(() =>
    lots.map((lot) => ({ volume: toDecimalString(lot.soldVolume), plate: lot.plate, dispatchedAt: defaultDispatchedAt })),
  );

  function update(index: number, name: keyof DispatchRow, value: string) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, [name]: value } : row)));
  }

  const input = (): DispatchOrderInput => ({
    code,
    lots: lots.map((lot, index) => ({
      position: lot.position,
      volume: rows[index].volume,
      plate: rows[index].plate.trim() === "" ? undefined : rows[index].plate,
      // A time that is not one (a cleared field) is sent blank, for the schema to ask for it.
      dispatchedAt: limaDateTimeInputToIso(rows[index].dispatchedAt) ?? "",
    })),
  });

  const wizard = useWizard({
    check: async () => checkWith((await schemas()).dispatchPreviewSchema(lots, soldAt ? new Date(soldAt) : null, new Date()), input()),
    send: (preview) => registerDispatch(preview.input),
    warm: schemas,
  });
  const errors = wizard.action.errors;

  const done = wizard.step.name === "done";
  if (!done && state !== "VENDIDO") {
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

  return (
    <div className="space-y-6">
      {done ? null : children}
      <div className={done ? "" : "space-y-4 rounded-md border border-slate-200 bg-white p-4"}>
        {wizard.step.name === "edit" ? <h2 className="text-lg font-semibold text-scop-800">Despacho por Lote</h2> : null}
        <Wizard
          wizard={wizard}
          fieldId={lotFieldId(lots)}
          previewTitle="Vista Previa del Despacho"
          confirmLabel="Registrar Despacho"
          fields={
            <>
              <datalist id="dispatch-trucks">
                {trucks.map((truck) => (
                  <option key={truck.plate} value={truck.plate}>
                    {truck.label}
                  </option>
                ))}
              </datalist>
              {lots.map((lot, index) => {
                const row = rows[index];
                const ids = { volume: `dispatch-${lot.position}-volume`, plate: `dispatch-${lot.position}-plate`, dispatchedAt: `dispatch-${lot.position}-at` };
                const fieldErrors = {
                  volume: errors[`lots.${index}.volume`],
                  plate: errors[`lots.${index}.plate`],
                  dispatchedAt: errors[`lots.${index}.dispatchedAt`],
                };
                return (
                  <fieldset key={lot.position} className="min-w-0 rounded-md border border-slate-200 p-3">
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
                        <dd className="break-all">{lot.guiaRemision}</dd>
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
                  </fieldset>
                );
              })}
            </>
          }
          editActions={
            <ButtonLink href="/despachos" variant="secondary">
              Cerrar Ventana
            </ButtonLink>
          }
          preview={({ parsed }) => (
            <>
              <Table caption="Despacho a registrar" layout="cards">
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
                  {parsed.lots.map((entry, index) => (
                    <tr key={entry.position}>
                      <Cell label="Lote" className="font-semibold">
                        {entry.position}
                      </Cell>
                      <Cell label="Cantidad Vendida (gal)" className="text-right">
                        {formatGallons(lots[index].soldVolume)}
                      </Cell>
                      <Cell label="Cantidad Despachada (gal)" className="text-right">
                        {formatGallons(entry.volume)}
                      </Cell>
                      <Cell label="Placa" className="font-mono">
                        {entry.plate ?? lots[index].plate}
                      </Cell>
                      <Cell label="Guía de Remisión">{lots[index].guiaRemision}</Cell>
                      <Cell label="Fecha y Hora de Despacho" className="sm:whitespace-nowrap">
                        {entry.dispatchedAt ? formatLimaDateTime(entry.dispatchedAt) : "Al registrar"}
                      </Cell>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <Cell label="Cantidad Vendida (gal)" className="text-right font-semibold">
                      {formatGallons(lots.reduce((sum, lot) => sum + lot.soldVolume, 0))}
                    </Cell>
                    <Cell label="Cantidad Despachada (gal)" className="text-right font-semibold">
                      {formatGallons(parsed.lots.reduce((sum, entry) => sum + entry.volume, 0))}
                    </Cell>
                    <td colSpan={3} className="max-sm:hidden" />
                  </tr>
                </tfoot>
              </Table>
              <p className="text-sm text-slate-700">
                Al registrar el despacho la orden pasará a estado <strong>{STATE_LABELS.POR_CERRAR}</strong>. Verifique los datos: el despacho no se
                puede modificar después.
              </p>
            </>
          )}
          done={(dispatch) => (
            <Alert tone="success" title="Despacho registrado.">
              <p>
                La orden <span className="font-mono font-bold">{dispatch.code}</span> quedó en estado <strong>{STATE_LABELS[dispatch.state]}</strong>. El
                comprador debe cerrarla el mismo día que reciba el GLP en su establecimiento.
              </p>
              <div className="mt-3 flex flex-wrap gap-4">
                <RowLink href={`/ordenes/${dispatch.code}/movimientos`}>Ver Mov.</RowLink>
                <RowLink href={`/ordenes/${dispatch.code}`}>Ver Detalle</RowLink>
                <RowLink href="/despachos">Volver a Despachos por Registrar</RowLink>
              </div>
            </Alert>
          )}
        />
      </div>
      {done ? children : null}
    </div>
  );
}
