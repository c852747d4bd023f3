"use client";

import { useCallback, useState } from "react";
import type { FieldErrors } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import type { ActionResult } from "@/lib/next/action";
import type { z } from "@/lib/validation";

export const CONNECTION_LOST = "No se pudo comunicar con el servidor. Revise su conexión e intente nuevamente; sus datos se conservan.";

export const CHECK_THE_DATA = "Revise los datos ingresados.";

/**
 * The state around a form's server action: pending while it runs, the Spanish message and field
 * errors of a refusal, and a lost connection reported without losing what was typed.
 *
 * Every form that calls a server action goes through `submit`, and shows `message` and `errors`
 * with `<ErrorSummary>` (components/forms/error-summary.tsx), which moves the focus to the message
 * so keyboard and screen-reader users learn at once why nothing happened. `failures` counts the
 * refusals, so the summary takes the focus again when the same message comes back.
 *
 *   const schemas = lazy(() => import("@/lib/accounts/users-schema")); // module level: see ./lazy.ts
 *   const action = useActionSubmit();
 *   async function save(event: React.FormEvent) {
 *     event.preventDefault();
 *     // the shared zod schema first (nothing is sent if it refuses), then the server action:
 *     if (!(await action.check(async () => (await schemas()).createUserSchema, input))) return;
 *     await action.submit(() => createUserAction(input), onSaved);
 *   }
 *   <form onSubmit={save} onFocus={() => void schemas()}>
 *     <ErrorSummary action={action} />
 *     …<Field errors={action.errors.name}>…
 */
export function useActionSubmit() {
  const [pending, setPending] = useState(false);
  const [message, setMessageState] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failures, setFailures] = useState(0);

  /** A refusal found before calling the server (the shared zod schema said no). */
  const refuse = useCallback((refusal: string | null, fieldErrors: FieldErrors = {}) => {
    setErrors(fieldErrors);
    setMessageState(refusal);
    if (refusal) setFailures((count) => count + 1);
  }, []);

  const setMessage = useCallback((text: string | null) => {
    setMessageState(text);
    if (text) setFailures((count) => count + 1);
  }, []);

  /**
   * Runs the action; `onSuccess` gets its data. Resolves to true on success, false on a refusal
   * or a lost connection (their message is then in `message`). `onSettled` runs either way.
   */
  async function submit<T>(run: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void, onSettled?: () => void): Promise<boolean> {
    setPending(true);
    setMessageState(null);
    let succeeded = false;
    try {
      const result = await run();
      if (result.ok) {
        setErrors({});
        succeeded = true;
        onSuccess(result.data);
      } else {
        refuse(result.message, result.fieldErrors ?? {});
      }
    } catch {
      // Nothing was answered: the field errors shown stay as they are (no stale ones come back).
      setMessage(CONNECTION_LOST);
    } finally {
      setPending(false);
      onSettled?.();
    }
    return succeeded;
  }

  /**
   * Checks `input` with a shared zod schema (loaded by `load`, see ./lazy.ts): its parsed value,
   * or undefined after showing the refusal (the field errors, or a lost connection).
   */
  async function check<S extends z.ZodType>(load: () => Promise<S>, input: z.input<S>): Promise<z.output<S> | undefined> {
    let schema: S;
    try {
      schema = await load();
    } catch {
      setMessage(CONNECTION_LOST);
      return undefined;
    }
    const result = schema.safeParse(input);
    if (result.success) {
      // The values now pass: the errors of an earlier attempt no longer describe them.
      setErrors({});
      return result.data;
    }
    refuse(CHECK_THE_DATA, fieldErrorsOf(result.error));
    return undefined;
  }

  /** Clears the message and the field errors (e.g. when the user starts over). */
  const clear = useCallback(() => {
    setMessageState(null);
    setErrors({});
  }, []);

  return { pending, message, errors, failures, setMessage, setErrors, refuse, clear, check, submit };
}

export type ActionSubmit = ReturnType<typeof useActionSubmit>;
