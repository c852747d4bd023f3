"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { BlockedNotice, type Blocked } from "@/components/order/blocked-notice";
import { Button, ButtonLink } from "@/components/ui/button";
import { describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import type { FieldErrors } from "@/lib/errors";
import { closeOrderSchema, type CloseOrderInput } from "@/lib/orders/schemas";
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
}

interface Entry {
  received: string;
  rejected: boolean;
}

type Step = "edit" | "preview" | { state: string; daysLate: number };

export function CloseOrderForm({ code, lots, blocked }: { code: string; lots: LotRow[]; blocked: Blocked | null }) {
  const [entries, setEntries] = useState<Entry[]>(lots.map(() => ({ received: "", rejected: false })));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [step, setStep] = useState<Step>("edit");
  const [pending, setPending] = useState(false);

  const input = (): CloseOrderInput => ({
    code,
    lots: lots.map((lot, i) =>
      entries[i].rejected ? { position: lot.position, rejected: true } : { position: lot.position, rejected: false, receivedVolume: entries[i].received },
    ),
  });

  function update(index: number, change: Partial<Entry>) {
    setEntries((current) => current.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  }

  function preview(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    const parsed = closeOrderSchema.safeParse(input());
    const found = parsed.success ? {} : fieldErrorsOf(parsed.error);
    lots.forEach((lot, i) => {
      const received = entries[i].rejected ? null : parseGallons(entries[i].received);
      if (received !== null && received > lot.soldVolume) {
        found[`lots.${i}.receivedVolume`] = [`La cantidad recibida no puede superar la cantidad vendida (${formatGallons(lot.soldVolume)} gal).`];
      }
    });
    setErrors(found);
    if (Object.keys(found).length === 0) setStep("preview");
  }

  async function register() {
    setPending(true);
    const result = await closeOrderAction(input());
    setPending(false);
    if (result.ok) {
      setStep({ state: result.data.state, daysLate: result.data.daysLate });
      return;
    }
    setMessage(result.message);
    setErrors(result.fieldErrors ?? {});
    setStep("edit");
  }

  if (typeof step === "object") {
    return (
      <div className="space-y-4">
        <Alert tone="success" title={`Cierre registrado: la orden ${code} se encuentra en estado ${step.state === "CERRADO" ? "CERRADO" : "RECHAZADO"}.`}>
          {step.daysLate > 0
            ? `El cierre se registró ${step.daysLate} ${step.daysLate === 1 ? "día" : "días"} después de la llegada del producto.`
            : "El cierre se registró dentro del plazo."}
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
          Revise las cantidades. Al registrar el cierre usted declara, en calidad de <strong>declaración jurada</strong>, haber recibido físicamente en su
          establecimiento las cantidades consignadas.
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
            <th>Rechazar</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot, i) => {
            const id = `lots.${i}.receivedVolume`;
            const fieldErrors = errors[id];
            return (
              <tr key={lot.position}>
                <td>{lot.position}</td>
                <td>{lot.plate}</td>
                <td>
                  {lot.guiaRemision}
                  <span className="block text-xs text-slate-600">{lot.factura}</span>
                </td>
                <td className="text-right">{formatGallons(lot.soldVolume)}</td>
                <td className="min-w-44">
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
