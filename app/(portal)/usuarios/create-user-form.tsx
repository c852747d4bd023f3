"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, describedBy, inputClass } from "@/components/ui/field";
import { ROLES_BY_AGENT_TYPE, ROLE_LABELS, type Role } from "@/lib/accounts/roles";
import { createUserSchema } from "@/lib/accounts/users-schema";
import type { FieldErrors } from "@/lib/errors";
import type { AgentType } from "@/lib/registry/agent-types";
import { fieldErrorsOf } from "@/lib/validation";
import { createUserAction } from "./actions";

export interface AgentChoice {
  id: number;
  businessName: string;
  type: AgentType;
}

/** "Crear Usuario": the role select offers only the roles the chosen agent's type allows. */
export function CreateUserForm({ agents, initialAgentId }: { agents: AgentChoice[]; initialAgentId: string }) {
  const router = useRouter();
  const [values, setValues] = useState({ agentId: initialAgentId, username: "", fullName: "", role: "", email: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const [pending, setPending] = useState(false);
  const agent = agents.find((candidate) => String(candidate.id) === values.agentId);
  const roles: readonly Role[] = agent ? ROLES_BY_AGENT_TYPE[agent.type] : [];

  const set = (field: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setValues((current) => ({ ...current, [field]: event.target.value, ...(field === "agentId" ? { role: "" } : {}) }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const input = { ...values, agentId: Number(values.agentId), role: values.role as Role };
    const parsed = createUserSchema.safeParse(input);
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    setMessage(null);
    setPending(true);
    const result = await createUserAction(input);
    setPending(false);
    if (!result.ok) {
      setMessage(result.message);
      setErrors(result.fieldErrors ?? {});
      return;
    }
    setCreated({ username: parsed.data.username, password: result.data.temporaryPassword });
    setValues((current) => ({ ...current, username: "", fullName: "", role: "", email: "" }));
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <h2 className="text-xl font-bold text-scop-800">Crear Usuario</h2>
      {message ? <Alert tone="error">{message}</Alert> : null}
      {created ? (
        <Alert tone="success" title={`Usuario ${created.username} creado.`}>
          Contraseña temporal (se muestra una sola vez): <strong data-testid="temporary-password" className="font-mono">{created.password}</strong>. Entréguela al usuario por un medio seguro; deberá cambiarla al ingresar.
        </Alert>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="agentId" label="Agente" errors={errors.agentId}>
          <select value={values.agentId} onChange={set("agentId")} className={inputClass} {...describedBy("agentId", errors.agentId)}>
            <option value="">Seleccione…</option>
            {agents.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.businessName}
              </option>
            ))}
          </select>
        </Field>
        <Field id="role" label="Rol" errors={errors.role}>
          <select value={values.role} onChange={set("role")} disabled={!agent} className={inputClass} {...describedBy("role", errors.role)}>
            <option value="">Seleccione…</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="username" label="Usuario" errors={errors.username}>
          <input value={values.username} onChange={set("username")} autoCapitalize="none" className={inputClass} {...describedBy("username", errors.username)} />
        </Field>
        <Field id="fullName" label="Nombre completo" errors={errors.fullName}>
          <input value={values.fullName} onChange={set("fullName")} className={inputClass} {...describedBy("fullName", errors.fullName)} />
        </Field>
        <Field id="email" label="Correo electrónico" hint="Recibe aquí los avisos que elija en sus preferencias." errors={errors.email}>
          <input type="email" autoComplete="off" value={values.email} onChange={set("email")} className={inputClass} {...describedBy("email", errors.email, true)} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Creando…" : "Crear Usuario"}
      </Button>
    </form>
  );
}
