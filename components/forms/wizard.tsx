"use client";

/**
 * The manual's three steps for every order form: fill in → "Vista Previa" → confirm ("Registrar
 * Orden", "Registrar Venta", "Registrar Despacho", "Registrar Cierre") → done. One hook holds the
 * step; one component draws the parts every form shares (the error summary, the preview's
 * heading and buttons, the focus moving to what changed). A form keeps only what is its own:
 * its fields, what its preview shows, and what its done screen says.
 *
 * How to put a form on it (register-order-form.tsx is the worked example):
 *
 *   const schemas = lazy(() => import("@/lib/orders/schemas")); // module level: see ./lazy.ts
 *   …
 *   const wizard = useWizard({
 *     // 1. Check the typed values with the shared zod schema (lib/orders/schemas.ts), nothing else:
 *     check: async () => checkWith((await schemas()).sellOrderSchema, input()),
 *     // 2. Send what the preview showed to the server action (which parses again):
 *     send: (preview) => registerSale(preview.input),
 *     // 3. Start loading the schemas when the user first focuses a field:
 *     warm: schemas,
 *   });
 *   return (
 *     <Wizard
 *       wizard={wizard}
 *       fields={<>…<Field id="volume" errors={wizard.action.errors.volume}>…</>}
 *       editActions={<ButtonLink href="/ventas" variant="secondary">Cerrar Ventana</ButtonLink>}
 *       preview={(preview) => <Table …>…</Table>}
 *       confirmLabel="Registrar Venta"
 *       done={(sale) => <Alert tone="success" title="Venta registrada.">…</Alert>}
 *     />
 *   );
 *
 * What it does for the form:
 * - "Vista Previa" runs `check`; a refusal shows the error summary (focused and announced) and
 *   the field errors; otherwise the preview replaces the fields and its heading takes the focus.
 * - The confirm button runs `send` through useActionSubmit: pending label while it runs, a lost
 *   connection reported without losing what was typed. A refusal returns to the fields with the
 *   server's message, and the page's server data are re-read (router.refresh()), so figures shown
 *   beside the form (capacity, state, lots) are the current ones, never those that were refused.
 * - "Corregir" returns to the fields, focus on the first one; the values are the form's own state
 *   and stay as typed.
 * - The done screen takes the focus. `wizard.restart()` goes back to empty fields ("Generar otra
 *   orden"); choosing the screen again in the menu remounts it too (components/layout/page-reset.tsx).
 */
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import type { ActionResult } from "@/lib/next/action";
import type { z } from "@/lib/validation";
import { ErrorSummary, type FieldIdOf } from "./error-summary";
import { CHECK_THE_DATA, CONNECTION_LOST, useActionSubmit, type ActionSubmit } from "./use-action-submit";

export type WizardStep<Preview, Done> = { name: "edit" } | { name: "preview"; preview: Preview } | { name: "done"; done: Done };

/** What `check` answers: the data the preview shows, or why not (field errors, and a message). */
export type WizardCheck<Preview> = { ok: true; preview: Preview } | { ok: false; errors: FieldErrors; message?: string };

/**
 * `check` for the common case: parse `input` with a shared zod schema; the preview gets the raw
 * input (to send) and the parsed values (to show).
 */
export function checkWith<S extends z.ZodType>(schema: S, input: z.input<S>): WizardCheck<{ input: z.input<S>; parsed: z.output<S> }> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, preview: { input, parsed: result.data } } : { ok: false, errors: fieldErrorsOf(result.error) };
}

export interface WizardOptions<Preview, Done> {
  /** Checks the typed values (with the shared zod schemas only): the preview's data, or the errors. */
  check: () => WizardCheck<Preview> | Promise<WizardCheck<Preview>>;
  /** Calls the server action with what the preview showed. */
  send: (preview: Preview) => Promise<ActionResult<Done>>;
  /** Re-read the page's server data after a refusal (default true). */
  refreshOnRefusal?: boolean;
  /** Called when a field is first focused: start loading what `check` needs (./lazy.ts). */
  warm?: () => unknown;
}

export interface WizardState<Preview, Done> {
  step: WizardStep<Preview, Done>;
  /** pending, message, errors of the form (useActionSubmit) */
  action: ActionSubmit;
  /** "Vista Previa": the form's onSubmit */
  showPreview: (event?: FormEvent) => Promise<void>;
  /** the form's onFocus: starts loading the schemas */
  warm: () => void;
  /** true while `check` runs (the schemas may still be loading) */
  checking: boolean;
  /** the preview's confirm button */
  confirm: () => Promise<void>;
  /** "Corregir": back to the fields as typed */
  edit: () => void;
  /** back to the fields after "done" (the form resets its own values) */
  restart: () => void;
}

export function useWizard<Preview, Done>({ check, send, refreshOnRefusal = true, warm }: WizardOptions<Preview, Done>): WizardState<Preview, Done> {
  const action = useActionSubmit();
  const router = useRouter();
  const [step, setStep] = useState<WizardStep<Preview, Done>>({ name: "edit" });
  const [checking, setChecking] = useState(false);

  async function showPreview(event?: FormEvent) {
    event?.preventDefault();
    setChecking(true);
    let result: WizardCheck<Preview>;
    try {
      result = await check();
    } catch {
      // The schemas could not be downloaded: the connection is gone, the values stay.
      action.refuse(CONNECTION_LOST, action.errors);
      return;
    } finally {
      setChecking(false);
    }
    if (!result.ok) {
      action.refuse(result.message ?? CHECK_THE_DATA, result.errors);
      return;
    }
    action.clear();
    setStep({ name: "preview", preview: result.preview });
  }

  async function confirm() {
    if (step.name !== "preview") return;
    const sent = await action.submit(
      () => send(step.preview),
      (done) => setStep({ name: "done", done }),
    );
    if (!sent) {
      setStep({ name: "edit" });
      if (refreshOnRefusal) router.refresh();
    }
  }

  return {
    step,
    action,
    showPreview,
    warm: () => void warm?.(),
    checking,
    confirm,
    edit: () => setStep({ name: "edit" }),
    restart: () => {
      action.clear();
      setStep({ name: "edit" });
    },
  };
}

export interface WizardProps<Preview, Done> {
  wizard: WizardState<Preview, Done>;
  /** the form's fields, drawn inside its <form> */
  fields: ReactNode;
  /** next to "Vista Previa", e.g. "Cerrar Ventana" */
  editActions?: ReactNode;
  /** the preview's heading (default "Vista Previa") */
  previewTitle?: string;
  preview: (preview: Preview) => ReactNode;
  /** the confirm button, e.g. "Registrar Orden" */
  confirmLabel: string;
  /** while it runs (default "Registrando…") */
  pendingLabel?: string;
  done: (done: Done) => ReactNode;
  /** which control shows the errors of a key, for the summary's links (default: the key itself) */
  fieldId?: FieldIdOf;
  className?: string;
}

export function Wizard<Preview, Done>({
  wizard,
  fields,
  editActions,
  previewTitle = "Vista Previa",
  preview,
  confirmLabel,
  pendingLabel = "Registrando…",
  done,
  fieldId,
  className = "space-y-4",
}: WizardProps<Preview, Done>) {
  const { step, action } = wizard;
  const formRef = useRef<HTMLFormElement>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  const previous = useRef(step.name);

  // Focus follows the step, so a keyboard or screen-reader user is taken to what changed. Not on
  // the first render, and not after a refusal: the error summary takes the focus then.
  useEffect(() => {
    if (previous.current === step.name) return;
    previous.current = step.name;
    if (step.name === "preview") previewHeading.current?.focus();
    else if (step.name === "done") doneRef.current?.focus();
    else if (!action.message) formRef.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus();
  }, [step.name, action.message]);

  if (step.name === "done") {
    return (
      <div ref={doneRef} tabIndex={-1} className={`${className} outline-none`}>
        {done(step.done)}
      </div>
    );
  }

  if (step.name === "preview") {
    return (
      <section aria-labelledby="wizard-preview-title" className={className}>
        <h2 id="wizard-preview-title" ref={previewHeading} tabIndex={-1} className="text-lg font-semibold text-scop-800 outline-none">
          {previewTitle}
        </h2>
        {preview(step.preview)}
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => void wizard.confirm()} disabled={action.pending}>
            {action.pending ? pendingLabel : confirmLabel}
          </Button>
          <Button variant="secondary" onClick={wizard.edit} disabled={action.pending}>
            Corregir
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form ref={formRef} onSubmit={(event) => void wizard.showPreview(event)} onFocus={wizard.warm} noValidate className={className}>
      <ErrorSummary action={action} fieldId={fieldId} />
      {fields}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={wizard.checking}>
          Vista Previa
        </Button>
        {editActions}
      </div>
    </form>
  );
}
