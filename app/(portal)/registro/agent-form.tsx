"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import type { FieldErrors } from "@/lib/errors";
import { AGENT_TYPES, AGENT_TYPE_LABELS, isBuyerType, type AgentType } from "@/lib/registry/agent-types";
import { agentSchema, type AgentInput } from "@/lib/registry/agent-schema";
import { DEPARTMENTS, findDepartment } from "@/lib/registry/geography";
import { fieldErrorsOf } from "@/lib/validation";
import { createAgentAction, updateAgentAction } from "./actions";

export interface AgentFormValues {
  type: string;
  businessName: string;
  ruc: string;
  registryNumber: string;
  address: string;
  department: string;
  province: string;
  district: string;
  storageCapacity: string;
  cededBySellerId: string;
  insuranceExpiresOn: string;
  registryExpiresOn: string;
}

export const EMPTY_AGENT: AgentFormValues = {
  type: "",
  businessName: "",
  ruc: "",
  registryNumber: "",
  address: "",
  department: "",
  province: "",
  district: "",
  storageCapacity: "",
  cededBySellerId: "",
  insuranceExpiresOn: "",
  registryExpiresOn: "",
};

/** Inscribes (agentId absent) or edits an agent. Department → province → district are dependent selects. */
export function AgentForm({ agentId, initial, sellers }: { agentId?: number; initial: AgentFormValues; sellers: { id: number; businessName: string; ruc: string }[] }) {
  const router = useRouter();
  const [values, setValues] = useState<AgentFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [saved, setSaved] = useState(false);

  const set = (field: keyof AgentFormValues) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
    const value = event.target.value;
    setSaved(false);
    setValues((current) => {
      const next = { ...current, [field]: value };
      if (field === "department") Object.assign(next, { province: "", district: "" });
      if (field === "province") next.district = "";
      return next;
    });
  };

  const buyer = values.type !== "" && isBuyerType(values.type as AgentType);
  // A stored name outside the ubigeo list (older data) stays visible, so the administrator sees it
  // and the server's check tells what to fix.
  const withCurrent = <T,>(list: T[], current: string, make: (name: string) => T, name: (item: T) => string) =>
    current && !list.some((item) => name(item) === current) ? [...list, make(current)] : list;
  const provinces = withCurrent(findDepartment(values.department)?.provinces ?? [], values.province, (name) => ({ name, districts: [] as string[] }), (item) => item.name);
  const districts = withCurrent(provinces.find((province) => province.name === values.province)?.districts ?? [], values.district, (name) => name, (item) => item);

  function input(): AgentInput {
    return {
      ...values,
      type: values.type as AgentType,
      storageCapacity: buyer ? values.storageCapacity : "",
      cededBySellerId: buyer && values.cededBySellerId ? Number(values.cededBySellerId) : null,
    };
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const parsed = agentSchema.safeParse(input());
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setMessage("Revise los datos ingresados.");
      return;
    }
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = agentId ? await updateAgentAction(agentId, input()) : await createAgentAction(input());
    setPending(false);
    if (!result.ok) {
      setMessage(result.message);
      setErrors(result.fieldErrors ?? {});
      return;
    }
    if (agentId) {
      setSaved(true);
      router.refresh();
    } else {
      router.push(`/registro/${(result.data as { id: number }).id}?inscrito=1`);
    }
  }

  const field = (name: keyof AgentFormValues, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}, hint?: string) => (
    <Field id={name} label={label} errors={errors[name]} hint={hint}>
      <input value={values[name]} onChange={set(name)} className={inputClass} {...props} {...describedBy(name, errors[name], Boolean(hint))} />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      {message ? <Alert tone="error">{message}</Alert> : null}
      {saved ? <Alert tone="success">Los datos del agente se guardaron.</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="type" label="Tipo de agente" errors={errors.type}>
          <select value={values.type} onChange={set("type")} className={inputClass} {...describedBy("type", errors.type)}>
            <option value="">Seleccione…</option>
            {AGENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {AGENT_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        {field("businessName", "Razón social")}
        {field("ruc", "RUC", { inputMode: "numeric", maxLength: 11 }, "11 dígitos; el último es el dígito verificador.")}
        {field("registryNumber", "Número de registro", {}, "código-actividad-ddmmaa, por ejemplo 84408-038-150516.")}
        <div className="sm:col-span-2">{field("address", "Dirección")}</div>
        <Field id="department" label="Departamento" errors={errors.department}>
          <select value={values.department} onChange={set("department")} className={inputClass} {...describedBy("department", errors.department)}>
            <option value="">Seleccione…</option>
            {DEPARTMENTS.map((department) => (
              <option key={department.name}>{department.name}</option>
            ))}
          </select>
        </Field>
        <Field id="province" label="Provincia" errors={errors.province}>
          <select value={values.province} onChange={set("province")} disabled={!provinces.length} className={inputClass} {...describedBy("province", errors.province)}>
            <option value="">Seleccione…</option>
            {provinces.map((province) => (
              <option key={province.name}>{province.name}</option>
            ))}
          </select>
        </Field>
        <Field id="district" label="Distrito" errors={errors.district}>
          <select value={values.district} onChange={set("district")} disabled={!districts.length} className={inputClass} {...describedBy("district", errors.district)}>
            <option value="">Seleccione…</option>
            {districts.map((district) => (
              <option key={district}>{district}</option>
            ))}
          </select>
        </Field>
        {field("insuranceExpiresOn", "Vencimiento de la póliza de seguro", { type: "date" })}
        {field("registryExpiresOn", "Vencimiento de la inscripción (opcional)", { type: "date" }, "Solo si la inscripción tiene plazo; se avisa al administrador 30, 7 y 1 días antes.")}
        {buyer ? (
          <>
            {field("storageCapacity", "Capacidad de almacenamiento (galones)", { inputMode: "decimal" })}
            <Field id="cededBySellerId" label="Tanques cedidos en uso por (opcional)" errors={errors.cededBySellerId}>
              <select value={values.cededBySellerId} onChange={set("cededBySellerId")} className={inputClass} {...describedBy("cededBySellerId", errors.cededBySellerId)}>
                <option value="">Ninguno (tanques propios)</option>
                {sellers.map((seller) => (
                  <option key={seller.id} value={seller.id}>
                    {seller.businessName} — RUC {seller.ruc}
                  </option>
                ))}
              </select>
            </Field>
          </>
        ) : null}
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Guardando…" : agentId ? "Guardar Cambios" : "Inscribir Agente"}
        </Button>
        <ButtonLink href="/registro" variant="secondary">
          Volver al Registro
        </ButtonLink>
      </div>
    </form>
  );
}
