"use client";

import { useRef, useState } from "react";
import { useActionSubmit } from "@/components/forms/use-action-submit";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink, RowLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import { MAX_LOTS, sellOrderSchema } from "@/lib/orders/schemas";
import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { fieldErrorsOf } from "@/lib/validation";
import { formatGallons, parseGallons } from "@/lib/volume";
import { formatDensity, formatKilograms, formatTemperature, massKilograms } from "@/lib/orders/lot-measures";
import { normalizePlate } from "@/lib/registry/plate";
import { formatDay } from "@/lib/time";
import { registerSale, type SaleRegistered } from "../actions";

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

interface SoldLot {
  volume: number;
  plate: string;
  guiaRemision: string;
  factura: string;
  density?: number;
  temperature?: number;
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
  const [preview, setPreview] = useState<SoldLot[] | null>(null);
  const { pending, message, errors, setMessage, setErrors, submit } = useActionSubmit();
  const [done, setDone] = useState<SaleRegistered | null>(null);

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
    setErrors({});
    setLots((current) => current.filter((_, i) => i !== index));
  }

  function input() {
    return {
      code,
      lots: lots.map(({ volume, plate, guiaRemision, factura, density, temperature }) => ({ volume, plate, guiaRemision, factura, density, temperature })),
    };
  }

  function showPreview() {
    setMessage(null);
    const parsed = sellOrderSchema.safeParse(input());
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Revise los datos ingresados.");
      return;
    }
    const sold = parsed.data.lots.reduce((sum, lot) => sum + lot.volume, 0);
    if (sold > requestedVolume) {
      setErrors({ lots: ["La suma de los lotes no puede exceder el volumen solicitado."] });
      setMessage(
        `La cantidad vendida (${formatGallons(sold)} gal) excede el volumen solicitado en la orden (${formatGallons(requestedVolume)} gal).`,
      );
      return;
    }
    setErrors({});
    setPreview(parsed.data.lots);
  }

  async function confirm() {
    // Back from the preview either way: to the confirmation, or to the form with its errors.
    await submit(() => registerSale(input()), setDone, () => setPreview(null));
  }

  if (done) {
    return (
      <div className="space-y-6">
        <Alert tone="success" title="Venta registrada.">
          <p>
            La orden <span className="font-mono font-bold">{done.code}</span> quedó en estado{" "}
            <strong>{STATE_LABELS[done.state]}</strong>. {done.state === "POR_CERRAR" ? NEXT_STEP.A : done.state === "VENDIDO" ? NEXT_STEP.B : null}
          </p>
          <div className="mt-3 flex flex-wrap gap-4">
            <RowLink href={`/ordenes/${done.code}/movimientos`}>Ver Mov.</RowLink>
            <RowLink href={`/ordenes/${done.code}`}>Ver Detalle</RowLink>
            <RowLink href="/ventas">Volver a Órdenes por Atender</RowLink>
          </div>
        </Alert>
        {children}
      </div>
    );
  }

  if (state !== "SOLICITADO") {
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

  const exceeds = total > requestedVolume;
  const lotErrors = [...(errors.lots ?? []), ...(errors.code ?? []), ...(errors._form ?? [])];

  return (
    <div className="space-y-6">
      {children}
      <section aria-labelledby="sale-lots-title" className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
        <h2 id="sale-lots-title" className="text-lg font-semibold text-scop-800">
          {preview ? "Vista Previa de la Venta" : "Lotes Vendidos"}
        </h2>
        {message ? (
          <Alert tone="error" title={message}>
            {lotErrors.length ? <p>{lotErrors.join(" ")}</p> : null}
          </Alert>
        ) : null}

        <dl className="grid gap-2 sm:grid-cols-2" aria-live="polite">
          <div>
            <dt className="text-sm font-semibold text-slate-600">Volumen Solicitado (gal)</dt>
            <dd className="text-lg font-bold">{formatGallons(requestedVolume)}</dd>
          </div>
          <div>
            <dt className="text-sm font-semibold text-slate-600">Total Vendido (gal)</dt>
            <dd className={`text-lg font-bold ${exceeds ? "text-red-700" : ""}`}>
              {formatGallons(preview ? preview.reduce((sum, lot) => sum + lot.volume, 0) : total)}
              {!preview && incomplete && lots.some((lot) => lot.volume.trim() !== "") ? (
                <span className="ml-2 text-sm font-normal text-slate-600">(sin contar cantidades no válidas)</span>
              ) : null}
              {exceeds ? <span className="block text-sm font-normal">Excede el volumen solicitado.</span> : null}
            </dd>
          </div>
        </dl>

        {preview ? (
          <>
            <Table caption="Lotes a registrar">
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
                {preview.map((lot, index) => {
                  const truck = trucks.find((candidate) => candidate.plate === lot.plate);
                  return (
                    <tr key={index}>
                      <td>{index + 1}</td>
                      <td className="text-right">
                        {formatGallons(lot.volume)}
                        {lot.density !== undefined ? <span className="block text-xs text-slate-600">{formatKilograms(massKilograms(lot.volume, lot.density))} kg</span> : null}
                      </td>
                      <td className="font-mono">
                        {lot.plate}
                        {truck ? <span className="block font-sans text-xs text-slate-600">Reg. {truck.registryNumber}</span> : null}
                      </td>
                      <td>{lot.guiaRemision}</td>
                      <td>{lot.factura}</td>
                      <td className="whitespace-nowrap">
                        {lot.density !== undefined ? `${formatDensity(lot.density)} kg/L` : "—"} · {lot.temperature !== undefined ? `${formatTemperature(lot.temperature)} °C` : "—"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            <p className="text-sm text-slate-700">
              Al registrar la venta la orden pasará a estado <strong>{flow === "A" ? STATE_LABELS.POR_CERRAR : STATE_LABELS.VENDIDO}</strong>.
              Verifique los datos: la venta no se puede modificar después.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => void confirm()} disabled={pending}>
                {pending ? "Registrando…" : "Registrar Venta"}
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
            {lots.map((lot, index) => (
              <fieldset key={lot.key} className="rounded-md border border-slate-200 p-3">
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
            <div className="flex flex-wrap items-center gap-2">
              {lots.length < MAX_LOTS ? (
                <Button variant="secondary" onClick={addLot}>
                  Agregar Lote
                </Button>
              ) : (
                <p className="text-sm text-slate-600">Se admite un máximo de {MAX_LOTS} lotes por orden.</p>
              )}
              <Button type="submit">Vista Previa</Button>
              <ButtonLink href="/ventas" variant="secondary">
                Cerrar Ventana
              </ButtonLink>
            </div>
          </form>
        )}
      </section>
    </div>
  );
}
