"use client";

import { useRef, useState } from "react";
import { lazy } from "@/components/forms/lazy";
import { Wizard, checkWith, useWizard } from "@/components/forms/wizard";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Cell, Table } from "@/components/ui/table";
import { MAX_LOTS } from "@/lib/orders/lot-limits";
import type { SellOrderInput } from "@/lib/orders/schemas";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { formatGallons, parseGallons } from "@/lib/volume";
import { formatDensity, formatKilograms, formatTemperature, massKilograms } from "@/lib/orders/lot-measures";
import { normalizePlate } from "@/lib/registry/plate";
import { formatDay } from "@/lib/lima-clock";
import { registerSale } from "../actions";

const schemas = lazy(() => import("@/lib/orders/schemas"));

type Flow = "A" | "B";

interface LotRow {
  key: number;
  volume: string;
  plate: string;
  guiaRemision: string;
  factura: string;
  density: string;
  temperature: string;
}

/** A registered truck that may carry this order (the seller's; in flow b also the buyer's). */
export interface SaleTruck {
  plate: string;
  registryNumber: string;
  owner: string;
  /** hundredths of a gallon */
  capacity: number;
  status: string;
  insuranceExpiresOn: string;
}

const LOT_FIELDS = [
  { name: "volume", label: "Cantidad Vendida (gal)", hint: "Hasta dos decimales, por ejemplo 1500.50.", inputMode: "decimal" },
  { name: "plate", label: "Placa de la Cisterna", hint: "Escriba la placa y elija una de las cisternas registradas.", inputMode: "text" },
  { name: "guiaRemision", label: "Guía de Remisión", hint: "T001-00012345, EG01-123, 0001-0000929 o solo el número.", inputMode: "text" },
  { name: "factura", label: "Factura", hint: "F001-00001234, 0001-0001387 o solo el número.", inputMode: "text" },
] as const;

const MEASURE_FIELDS = [
  { name: "density", label: "Densidad (kg/L)", hint: "Opcional, por ejemplo 0.5420.", inputMode: "decimal" },
  { name: "temperature", label: "Temperatura (°C)", hint: "Opcional, por ejemplo 18.5.", inputMode: "decimal" },
] as const;

/** What the seller should know about the truck typed in a lot, before the server refuses it. */
function truckNote(trucks: SaleTruck[], typed: string, volume: number | null, today: string): { tone: "ok" | "problem"; text: string } | null {
  const plate = normalizePlate(typed);
  if (!plate) return null;
  const truck = trucks.find((candidate) => candidate.plate === plate);
  if (!truck) return { tone: "problem", text: `${plate} no es una cisterna registrada que pueda transportar esta orden.` };
  const base = `Reg. ${truck.registryNumber} · ${truck.owner} · capacidad ${formatGallons(truck.capacity)} gal`;
  if (truck.status !== "VIGENTE") return { tone: "problem", text: `${base}. Cisterna ${truck.status}: no puede transportar GLP.` };
  if (truck.insuranceExpiresOn < today) return { tone: "problem", text: `${base}. Su seguro venció el ${formatDay(truck.insuranceExpiresOn)}.` };
  if (volume !== null && volume > truck.capacity) return { tone: "problem", text: `${base}. El lote excede su capacidad.` };
  return { tone: "ok", text: `${base}.` };
}

/** Why a seller cannot sell an order that is no longer SOLICITADO. */
const NOT_SELLABLE: Record<Exclude<OrderState, "SOLICITADO">, string> = {
  VENDIDO: "La venta ya fue registrada: la orden espera el despacho de la Planta de Abastecimiento.",
  POR_CERRAR: "La venta ya fue registrada: la orden espera el cierre del comprador.",
  CERRADO: "El comprador ya cerró la orden: recibió el GLP y dio su conformidad.",
  ANULADO: "El comprador anuló la orden: este Código de Autorización ya no puede usarse para vender GLP.",
  RECHAZADO: "El comprador rechazó la orden: este Código de Autorización ya no puede usarse para vender GLP.",
};

const NEXT_STEP: Record<Flow, string> = {
  A: "El comprador debe cerrarla el mismo día que reciba el GLP en su establecimiento.",
  B: "La Planta de Abastecimiento debe registrar el despacho; luego el comprador la cerrará al recibir el GLP.",
};

function emptyLot(key: number): LotRow {
  return { key, volume: "", plate: "", guiaRemision: "", factura: "", density: "", temperature: "" };
}

/** The sum of the volumes typed so far, ignoring those that are not valid numbers yet. */
function typedTotal(lots: LotRow[]): { total: number; incomplete: boolean } {
  let total = 0;
  let incomplete = false;
  for (const lot of lots) {
    const value = parseGallons(lot.volume);
    if (value === null) incomplete = true;
    else total += value;
  }
  return { total, incomplete };
}

/** "Volumen Solicitado" beside the total sold so far (while typing) or to be registered (in the preview). */
function Totals({ requested, sold, note }: { requested: number; sold: number; note?: string }) {
  const exceeds = sold > requested;
  return (
    <dl className="grid gap-2 sm:grid-cols-2" aria-live="polite">
      <div>
        <dt className="text-sm font-semibold text-slate-600">Volumen Solicitado (gal)</dt>
        <dd className="text-lg font-bold">{formatGallons(requested)}</dd>
      </div>
      <div>
        <dt className="text-sm font-semibold text-slate-600">Total Vendido (gal)</dt>
        <dd className={`text-lg font-bold ${exceeds ? "text-red-700" : ""}`}>
          {formatGallons(sold)}
          {note ? <span className="ml-2 text-sm font-normal text-slate-600">{note}</span> : null}
          {exceeds ? <span className="block text-sm font-normal">Excede el volumen solicitado.</span> : null}
        </dd>
      </div>
    </dl>
  );
}

/** The control that shows a lot's field errors ("lots.2.volume" → "lot-7-volume"), for the error summary's links. */
const lotFieldId = (lots: LotRow[]) => (key: string) => {
  const match = /^lots\.(\d+)\.(\w+)$/.exec(key);
  const lot = match ? lots[Number(match[1])] : undefined;
  return lot ? `lot-${lot.key}-${match![2]}` : undefined;
};

/**
 * "Registrar Venta" on the shared wizard (components/forms/wizard.tsx): the lots, "Vista Previa",
 * "Registrar Venta", and the order's new state. The lots are checked by the shared schema
 * (salePreviewSchema: each lot, and their sum against the volume requested) before the preview.
 */
export function SaleForm({
  code,
  state,
  flow,
  requestedVolume,
  trucks,
  today,
  children,
}: {
  code: string;
  state: string;
  flow: Flow;
  requestedVolume: number;
  trucks: SaleTruck[];
  /** Lima's day, for the insurance note */
  today: string;
  /** the order summary */
  children: React.ReactNode;
}) {
  const nextKey = useRef(1);
  const [lots, setLots] = useState<LotRow[]>([emptyLot(0)]);

  const input = (): SellOrderInput => ({
    code,
    lots: lots.map(({ volume, plate, guiaRemision, factura, density, temperature }) => ({ volume, plate, guiaRemision, factura, density, temperature })),
  });

  const wizard = useWizard({
    check: async () => checkWith((await schemas()).salePreviewSchema(requestedVolume), input()),
    send: (preview) => registerSale(preview.input),
    warm: schemas,
  });
  const errors = wizard.action.errors;
  const { total, incomplete } = typedTotal(lots);

  function update(index: number, name: keyof Omit<LotRow, "key">, value: string) {
    setLots((current) => current.map((lot, i) => (i === index ? { ...lot, [name]: value } : lot)));
  }

  function addLot() {
    if (lots.length >= MAX_LOTS) return;
    setLots((current) => [...current, emptyLot(nextKey.current++)]);
  }

  function removeLot(index: number) {
    // Errors are keyed by position ("lots.2.volume"): after removing a row they would point elsewhere.
    wizard.action.clear();
    setLots((current) => current.filter((_, i) => i !== index));
  }

  const done = wizard.step.name === "done";
  if (!done && state !== "SOLICITADO") {
    const known = state as Exclude<OrderState, "SOLICITADO">;
    return (
      <div className="space-y-6">
        <Alert tone="warning" title={`No se puede registrar la venta: la orden está en estado ${STATE_LABELS[known] ?? state}.`}>
          <p>{NOT_SELLABLE[known] ?? "Solo se registra la venta de órdenes en estado SOLICITADO."}</p>
          <div className="mt-3 flex flex-wrap gap-4">
            <RowLink href={`/ordenes/${code}/movimientos`}>Ver Mov.</RowLink>
            <RowLink href="/ventas">Volver a Órdenes por Atender</RowLink>
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
        {wizard.step.name === "edit" ? (
          <h2 className="text-lg font-semibold text-scop-800">Lotes Vendidos</h2>
        ) : null}
        <Wizard
          wizard={wizard}
          fieldId={lotFieldId(lots)}
          previewTitle="Vista Previa de la Venta"
          confirmLabel="Registrar Venta"
          fields={
            <>
              <Totals
                requested={requestedVolume}
                sold={total}
                note={incomplete && lots.some((lot) => lot.volume.trim() !== "") ? "(sin contar cantidades no válidas)" : undefined}
              />
              {lots.map((lot, index) => (
                <fieldset key={lot.key} className="min-w-0 rounded-md border border-slate-200 p-3">
                  <legend className="px-1 font-semibold text-scop-800">Lote {index + 1}</legend>
                  <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                    {LOT_FIELDS.map((field) => {
                      const id = `lot-${lot.key}-${field.name}`;
                      const fieldErrors = errors[`lots.${index}.${field.name}`];
                      const note = field.name === "plate" ? truckNote(trucks, lot.plate, parseGallons(lot.volume), today) : null;
                      return (
                        <Field key={field.name} id={id} label={field.label} hint={field.hint} errors={fieldErrors}>
                          <input
                            name={`lots.${index}.${field.name}`}
                            value={lot[field.name]}
                            onChange={(event) => update(index, field.name, event.target.value)}
                            inputMode={field.inputMode}
                            list={field.name === "plate" ? "sale-trucks" : undefined}
                            autoComplete="off"
                            autoCapitalize={field.name === "volume" ? undefined : "characters"}
                            className={`${inputClass} ${field.name === "volume" ? "text-right" : "uppercase"}`}
                            {...describedBy(id, fieldErrors, true)}
                          />
                          {note ? (
                            <p className={`text-xs ${note.tone === "ok" ? "text-green-800" : "font-semibold text-red-800"}`} aria-live="polite">
                              {note.text}
                            </p>
                          ) : null}
                        </Field>
                      );
                    })}
                  </div>
                  <details className="mt-3" open={Boolean(lot.density || lot.temperature || errors[`lots.${index}.density`] || errors[`lots.${index}.temperature`])}>
                    <summary className="cursor-pointer text-sm font-semibold text-scop-800">Densidad y temperatura (opcional)</summary>
                    <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
                      {MEASURE_FIELDS.map((field) => {
                        const id = `lot-${lot.key}-${field.name}`;
                        const fieldErrors = errors[`lots.${index}.${field.name}`];
                        return (
                          <Field key={field.name} id={id} label={field.label} hint={field.hint} errors={fieldErrors}>
                            <input
                              name={`lots.${index}.${field.name}`}
                              value={lot[field.name]}
                              onChange={(event) => update(index, field.name, event.target.value)}
                              inputMode={field.inputMode}
                              autoComplete="off"
                              className={`${inputClass} text-right`}
                              {...describedBy(id, fieldErrors, true)}
                            />
                          </Field>
                        );
                      })}
                    </div>
                  </details>
                  {lots.length > 1 ? (
                    <div className="mt-3">
                      <Button variant="secondary" onClick={() => removeLot(index)}>
                        Quitar Lote {index + 1}
                      </Button>
                    </div>
                  ) : null}
                </fieldset>
              ))}
              <datalist id="sale-trucks">
                {trucks.map((truck) => (
                  <option key={truck.plate} value={truck.plate}>
                    {`${truck.plate} · Reg. ${truck.registryNumber} · ${formatGallons(truck.capacity)} gal · ${truck.owner}${truck.status !== "VIGENTE" ? ` · ${truck.status}` : ""}`}
                  </option>
                ))}
              </datalist>
              {trucks.length === 0 ? (
                <Alert tone="warning" title="No hay cisternas registradas que puedan transportar esta orden.">
                  Pida al administrador del Registro que inscriba sus cisternas: cada lote debe viajar en una cisterna registrada, vigente y asegurada.
                </Alert>
              ) : null}
              {lots.length < MAX_LOTS ? (
                <Button variant="secondary" onClick={addLot}>
                  Agregar Lote
                </Button>
              ) : (
                <p className="text-sm text-slate-600">Se admite un máximo de {MAX_LOTS} lotes por orden.</p>
              )}
            </>
          }
          editActions={
            <ButtonLink href="/ventas" variant="secondary">
              Cerrar Ventana
            </ButtonLink>
          }
          preview={({ parsed }) => (
            <>
              <Totals requested={requestedVolume} sold={parsed.lots.reduce((sum, lot) => sum + lot.volume, 0)} />
              <Table caption="Lotes a registrar" layout="cards">
                <thead>
                  <tr>
                    <th>Lote</th>
                    <th className="text-right">Cantidad Vendida (gal)</th>
                    <th>Cisterna</th>
                    <th>Guía de Remisión</th>
                    <th>Factura</th>
                    <th>Densidad / Temperatura</th>
                  </tr>
                </thead>
                <tbody>
                  {parsed.lots.map((lot, index) => {
                    const truck = trucks.find((candidate) => candidate.plate === lot.plate);
                    return (
                      <tr key={index}>
                        <Cell label="Lote" className="font-semibold">
                          {index + 1}
                        </Cell>
                        <Cell label="Cantidad Vendida (gal)" className="text-right">
                          {formatGallons(lot.volume)}
                          {lot.density !== undefined ? <span className="block text-xs text-slate-600">{formatKilograms(massKilograms(lot.volume, lot.density))} kg</span> : null}
                        </Cell>
                        <Cell label="Cisterna" className="font-mono">
                          {lot.plate}
                          {truck ? <span className="block font-sans text-xs text-slate-600">Reg. {truck.registryNumber}</span> : null}
                        </Cell>
                        <Cell label="Guía de Remisión">{lot.guiaRemision}</Cell>
                        <Cell label="Factura">{lot.factura}</Cell>
                        <Cell label="Densidad / Temperatura" className="sm:whitespace-nowrap">
                          {lot.density !== undefined ? `${formatDensity(lot.density)} kg/L` : "—"} · {lot.temperature !== undefined ? `${formatTemperature(lot.temperature)} °C` : "—"}
                        </Cell>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
              <p className="text-sm text-slate-700">
                Al registrar la venta la orden pasará a estado <strong>{flow === "A" ? STATE_LABELS.POR_CERRAR : STATE_LABELS.VENDIDO}</strong>.
                Verifique los datos: la venta no se puede modificar después.
              </p>
            </>
          )}
          done={(sale) => (
            <Alert tone="success" title="Venta registrada.">
              <p>
                La orden <span className="font-mono font-bold">{sale.code}</span> quedó en estado <strong>{STATE_LABELS[sale.state]}</strong>.{" "}
                {sale.state === "POR_CERRAR" ? NEXT_STEP.A : sale.state === "VENDIDO" ? NEXT_STEP.B : null}
              </p>
              <div className="mt-3 flex flex-wrap gap-4">
                <RowLink href={`/ordenes/${sale.code}/movimientos`}>Ver Mov.</RowLink>
                <RowLink href={`/ordenes/${sale.code}`}>Ver Detalle</RowLink>
                <RowLink href="/ventas">Volver a Órdenes por Atender</RowLink>
              </div>
            </Alert>
          )}
        />
      </div>
      {done ? children : null}
    </div>
  );
}
