"use client";

import { useState } from "react";
import { lazy } from "@/components/forms/lazy";
import { Wizard, checkWith, useWizard } from "@/components/forms/wizard";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { Table } from "@/components/ui/table";
import type { AgentOption } from "@/lib/orders/registration-options";
import type { RegisterOrderInput } from "@/lib/orders/schemas";
import { AGENT_TYPE_LABELS, SELLER_TYPE_FLOW, type SellerType } from "@/lib/registry/agent-types";
import { formatDay, formatLimaDateTime } from "@/lib/lima-clock";
import { formatGallons } from "@/lib/volume";
import { registerOrderAction } from "../actions";

const schemas = lazy(() => import("@/lib/orders/schemas"));

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

/**
 * "Generación de Orden de Pedido Simple - Granel" on the shared wizard: the fields, "Vista
 * Previa", "Registrar Orden", and the Código de Autorización. `available` is the capacidad de
 * compra as the server read it for this render; after a refusal the page is read again, so the
 * figure beside the form is always the one the server refused against.
 */
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
  const empty: Values = {
    sellerType: sellerTypes.length === 1 ? sellerTypes[0] : "",
    sellerId: "",
    plantId: "",
    volume: "",
    purchaseOrderNumber: "",
    deliveryDate: today,
    comment: "",
    transport: "",
  };
  const [values, setValues] = useState<Values>(empty);

  const flow = values.sellerType ? SELLER_TYPE_FLOW[values.sellerType as SellerType] : null;
  const sellersOfType = sellers.filter((seller) => seller.type === values.sellerType);

  const set = (name: keyof Values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => {
    const value = event.target.value;
    setValues((current) => ({
      ...current,
      [name]: value,
      // A different seller type means a different list of sellers.
      ...(name === "sellerType" ? { sellerId: "", plantId: "" } : {}),
    }));
  };

  // The server parses again; the form sends the strings as typed.
  const input = (): RegisterOrderInput => ({ ...values, sellerType: values.sellerType as SellerType, plantId: flow === "B" ? values.plantId : undefined });

  const wizard = useWizard({
    check: async () => checkWith((await schemas()).registrationPreviewSchema(available), input()),
    send: (preview) => registerOrderAction(preview.input),
    warm: schemas,
  });
  const errors = wizard.action.errors;

  return (
    <Wizard
      wizard={wizard}
      className="max-w-2xl space-y-4"
      confirmLabel="Registrar Orden"
      fields={
        <>
          <Alert tone="info">
            Capacidad de compra disponible: <strong data-testid="available-capacity">{formatGallons(Math.max(available, 0))} galones</strong>
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
        </>
      }
      editActions={
        <ButtonLink href="/" variant="secondary">
          Cerrar Ventana
        </ButtonLink>
      }
      preview={({ parsed }) => {
        const seller = sellers.find((option) => option.id === parsed.sellerId);
        const plant = plants.find((option) => option.id === parsed.plantId);
        const rows: [string, string][] = [
          ["Tipo de Agente Vendedor", AGENT_TYPE_LABELS[parsed.sellerType]],
          ["Agente Vendedor", seller?.businessName ?? ""],
          ...(SELLER_TYPE_FLOW[parsed.sellerType] === "B" ? ([["Planta de Abastecimiento", plant?.businessName ?? ""]] as [string, string][]) : []),
          ["Volumen Solicitado (gal)", formatGallons(parsed.volume)],
          ["Número de Orden de Compra", parsed.purchaseOrderNumber ?? "—"],
          ["Fecha de Entrega", formatDay(parsed.deliveryDate)],
          ["Comentario", parsed.comment ?? "—"],
          ["Transporte", parsed.transport ?? "—"],
        ];
        return (
          <>
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
          </>
        );
      }}
      done={(order) => (
        <>
          <Alert tone="success" title="Orden de pedido registrada.">
            Este Código de Autorización es requisito indispensable para que el vendedor le venda GLP a granel.
          </Alert>
          <div className="rounded-md border-2 border-scop-600 bg-white p-6 text-center">
            <p className="text-sm font-semibold text-slate-600">Código de Autorización</p>
            <p className="mt-2 font-mono text-3xl font-bold tracking-[0.2em] break-all text-scop-900 sm:text-4xl" data-testid="authorization-code">
              {order.code}
            </p>
            <p className="mt-2 text-sm text-slate-600">Fecha Pedido: {formatLimaDateTime(new Date(order.requestedAt))}</p>
          </div>
          <div className="flex flex-wrap gap-2">
            <ButtonLink href={`/ordenes/${order.code}`}>Ver Detalle</ButtonLink>
            <Button
              variant="secondary"
              onClick={() => {
                setValues((current) => ({ ...current, volume: "", purchaseOrderNumber: "", comment: "" }));
                wizard.restart();
              }}
            >
              Generar otra orden
            </Button>
            <ButtonLink href="/" variant="secondary">
              Cerrar Ventana
            </ButtonLink>
          </div>
        </>
      )}
    />
  );
}
