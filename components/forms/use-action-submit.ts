"use client";

import { useState } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { ActionResult } from "@/lib/next/action";

const CONNECTION_LOST = "No se pudo comunicar con el servidor. Revise su conexión e intente nuevamente; sus datos se conservan.";

/**
 * The state around a form's server action: pending while it runs, the Spanish message and field
 * errors of a refusal, and a lost connection reported without losing what was typed.
 */
export function useActionSubmit() {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit<T>(run: () => Promise<ActionResult<T>>, onSuccess: (data: T) => void, onSettled?: () => void) {
    setPending(true);
    setMessage(null);
    try {
      const result = await run();
      if (result.ok) {
        setErrors({});
        onSuccess(result.data);
      } else {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
      }
    } catch {
      setMessage(CONNECTION_LOST);
    } finally {
      setPending(false);
      onSettled?.();
    }
  }

  return { pending, message, errors, setMessage, setErrors, submit };
}
