"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import type { FieldErrors } from "@/lib/errors";
import type { AgentOption } from "@/lib/orders/registration-options";
import { registerOrderSchema, type RegisterOrderInput } from "@/lib/orders/schemas";
import { AGENT_TYPE_LABELS, SELLER_TYPE_FLOW, type SellerType } from "@/lib/registry/agent-types";
import { formatDay, formatLimaDateTime } from "@/lib/time";
import { fieldErrorsOf } from "@/lib/validation";
import { formatGallons } from "@/lib/volume";
import { registerOrderAction } from "../actions";

interface Values {
  sellerType: string;
  sellerId: string;
  plantId: string;
  volume: string;
  purchaseOrderNumber: string;
  deliveryDate: string;
  comment: string;
  transport: string;
}

type Step = { name: "edit" } | { name: "preview" } | { name: "done"; code: string; requestedAt: string };

export function RegisterOrderForm({
  sellerTypes,
  sellers,
  plants,
  available,
  today,
}: {
  sellerTypes: SellerType[];
  sellers: AgentOption[];
  plants: AgentOption[];
  available: number;
  today: string;
}) {
  const [values, setValues] = useState<Values>({
    sellerType: sellerTypes.length === 1 ? sellerTypes[0] : "",
    sellerId: "",
    plantId: "",
    volume: "",
    purchaseOrderNumber: "",
    deliveryDate: today,
    comment: "",
    transport: "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ name: "edit" });
  const [pending, setPending] = useState(false);

  const flow = values.sellerType ? SELLER_TYPE_FLOW[values.sellerType as SellerType] : null;
  const sellersOfType = sellers.filter((seller) => seller.type === values.sellerType);
  const seller = sellers.find((option) => String(option.id) === values.sellerId);
  const plant = plants.find((option) => String(option.id) === values.plantId);

  const set = (name: keyof Values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((current) => ({
      ...current,
      [name]: value,
      // A different seller type means a different list of sellers.
      ...(name === "sellerType" ? { sellerId: "", plantId: "" } : {}),
    }));
  };

  function input() {
    return { ...values, plantId: flow === "B" ? values.plantId : undefined };
  }

  function preview(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    const parsed = registerOrderSchema.safeParse(input());
    const found = parsed.success ? {} : fieldErrorsOf(parsed.error);
    if (flow === "B" && !values.plantId) found.plantId = ["Seleccione la Planta de Abastecimiento de GLP."];
    if (parsed.success && parsed.data.volume > available) {
      found.volume = [`Supera su capacidad de compra disponible (${formatGallons(Math.max(available, 0))} galones).`];
    }
    setErrors(found);
    if (Object.keys(found).length === 0) setStep({ name: "preview" });
  }

  async function register() {
    setPending(true);
    // The server parses again; this cast only carries the already-validated strings.
    const result = await registerOrderAction(input() as RegisterOrderInput);
    setPending(false);
    if (result.ok) {
      setStep({ name: "done", code: result.data.code, requestedAt: result.data.requestedAt });
      return;
    }
    setMessage(result.message);
    setErrors(result.fieldErrors ?? {});
    setStep({ name: "edit" });
  }

  if (step.name === "done") {
    return (
      <div className="max-w-2xl space-y-4">
        <Alert tone="success" title="Orden de pedido registrada.">
          Este Código de Autorización es requisito indispensable para que el vendedor le venda GLP a granel.
        </Alert>
        <div className="rounded-md border-2 border-scop-600 bg-white p-6 text-center">
          <p className="text-sm font-semibold text-slate-600">Código de Autorización</p>
          <p className="mt-2 font-mono text-4xl font-bold tracking-[0.2em] text-scop-900" data-testid="authorization-code">
            {step.code}
          </p>
          <p className="mt-2 text-sm text-slate-600">Fecha Pedido: {formatLimaDateTime(new Date(step.requestedAt))}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/ordenes/${step.code}`}>Ver Detalle</ButtonLink>
          <Button
            variant="secondary"
            onClick={() => {
              setValues((current) => ({ ...current, volume: "", purchaseOrderNumber: "", comment: "" }));
              setStep({ name: "edit" });
            }}
          >
            Generar otra orden
          </Button>
          <ButtonLink href="/" variant="secondary">
            Cerrar Ventana
          </ButtonLink>
        </div>
      </div>
    );
  }

  if (step.name === "preview") {
    const rows: [string, string][] = [
      ["Tipo de Agente Vendedor", AGENT_TYPE_LABELS[values.sellerType as SellerType]],
      ["Agente Vendedor", seller?.businessName ?? ""],
      ...(flow === "B" ? ([["Planta de Abastecimiento", plant?.businessName ?? ""]] as [string, string][]) : []),
      ["Volumen Solicitado (gal)", formatGallons(registerOrderSchema.shape.volume.parse(values.volume))],
      ["Número de Orden de Compra", values.purchaseOrderNumber || "—"],
      ["Fecha de Entrega", formatDay(values.deliveryDate)],
      ["Comentario", values.comment || "—"],
      ["Transporte", values.transport || "—"],
    ];
    return (
      <div className="max-w-2xl space-y-4">
        <h2 className="text-lg font-semibold text-scop-800">Vista Previa</h2>
        <Table caption="Resumen de la orden de pedido">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className="w-1/3">
                  {label}
                </th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <p className="text-sm text-slate-700">Revise los datos. Al registrar la orden se reservará el volumen en su capacidad de compra.</p>
        <div className="flex flex-wrap gap-2">
          <Button onClick={register} disabled={pending}>
            {pending ? "Registrando…" : "Registrar Orden"}
          </Button>
          <Button variant="secondary" onClick={() => setStep({ name: "edit" })} disabled={pending}>
            Corregir
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={preview} noValidate className="max-w-2xl space-y-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <Alert tone="info">
        Capacidad de compra disponible: <strong>{formatGallons(Math.max(available, 0))} galones</strong>
      </Alert>
      <Field id="sellerType" label="Tipo de Agente Vendedor" errors={errors.sellerType}>
        <select value={values.sellerType} onChange={set("sellerType")} className={inputClass} {...describedBy("sellerType", errors.sellerType)}>
          <option value="">— Seleccione —</option>
          {sellerTypes.map((type) => (
            <option key={type} value={type}>
              {AGENT_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="sellerId"
        label="Agente Vendedor"
        errors={errors.sellerId}
        hint={values.sellerType && sellersOfType.length === 0 ? "No hay vendedores vigentes de este tipo que le puedan vender." : undefined}
      >
        <select
          value={values.sellerId}
          onChange={set("sellerId")}
          disabled={!values.sellerType}
          className={inputClass}
          {...describedBy("sellerId", errors.sellerId, Boolean(values.sellerType && sellersOfType.length === 0))}
        >
          <option value="">{values.sellerType ? "— Seleccione —" : "Elija primero el tipo de agente vendedor"}</option>
          {sellersOfType.map((option) => (
            <option key={option.id} value={option.id}>
              {option.businessName} ({option.district})
            </option>
          ))}
        </select>
      </Field>
      {flow === "B" ? (
        <Field id="plantId" label="Planta de Abastecimiento" errors={errors.plantId}>
          <select value={values.plantId} onChange={set("plantId")} className={inputClass} {...describedBy("plantId", errors.plantId)}>
            <option value="">— Seleccione —</option>
            {plants.map((option) => (
              <option key={option.id} value={option.id}>
                {option.businessName} ({option.district})
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field id="volume" label="Volumen Solicitado (galones)" errors={errors.volume} hint="Por ejemplo 3100 o 3,100.50">
        <input value={values.volume} onChange={set("volume")} inputMode="decimal" autoComplete="off" className={inputClass} {...describedBy("volume", errors.volume, true)} />
      </Field>
      <Field id="purchaseOrderNumber" label="Número de Orden de Compra (opcional)" errors={errors.purchaseOrderNumber}>
        <input value={values.purchaseOrderNumber} onChange={set("purchaseOrderNumber")} className={inputClass} {...describedBy("purchaseOrderNumber", errors.purchaseOrderNumber)} />
      </Field>
      <Field id="deliveryDate" label="Fecha de Entrega" errors={errors.deliveryDate} hint="Referencial.">
        <input type="date" value={values.deliveryDate} onChange={set("deliveryDate")} className={inputClass} {...describedBy("deliveryDate", errors.deliveryDate, true)} />
      </Field>
      <Field id="comment" label="Comentario (opcional)" errors={errors.comment}>
        <textarea value={values.comment} onChange={set("comment")} rows={2} className={inputClass} {...describedBy("comment", errors.comment)} />
      </Field>
      <Field id="transport" label="Transporte (opcional)" errors={errors.transport}>
        <input value={values.transport} onChange={set("transport")} className={inputClass} {...describedBy("transport", errors.transport)} />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit">Vista Previa</Button>
        <ButtonLink href="/" variant="secondary">
          Cerrar Ventana
        </ButtonLink>
      </div>
    </form>
  );
}
