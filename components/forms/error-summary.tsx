"use client";

import { useEffect, useRef } from "react";
import type { FieldErrors } from "@/lib/errors";
import type { ActionSubmit } from "./use-action-submit";

/** The element id of the control that shows the errors of `key` ("volume", "lots.0.volume"), if any. */
export type FieldIdOf = (key: string) => string | undefined;

/** Plain keys name their control's id (`<Field id="volume">`); dotted keys and "_form" have none by default. */
const sameId: FieldIdOf = (key) => (/^[A-Za-z][\w-]*$/.test(key) ? key : undefined);

/**
 * Why the form was refused, at the top of the form: the message, then each field's error as a
 * link that moves the focus to that field. It takes the focus itself each time a refusal comes
 * (role="alert" also announces it), so a keyboard or screen-reader user never has to hunt for
 * what went wrong. Renders nothing while there is no message.
 */
export function ErrorSummary({ action, fieldId = sameId }: { action: Pick<ActionSubmit, "message" | "errors" | "failures">; fieldId?: FieldIdOf }) {
  const ref = useRef<HTMLDivElement>(null);
  const { message, errors, failures } = action;

  useEffect(() => {
    if (failures > 0) ref.current?.focus();
  }, [failures]);

  if (!message) return null;
  const items = Object.entries(errors as FieldErrors).flatMap(([key, messages]) => messages.map((text) => ({ key, text, id: fieldId(key) })));
  return (
    <div ref={ref} tabIndex={-1} role="alert" className="rounded-md border border-red-300 bg-red-50 p-4 text-red-900" data-testid="error-summary">
      <p className="font-semibold">{message}</p>
      {items.length ? (
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {items.map((item, index) => (
            <li key={`${item.key}-${index}`}>
              {item.id ? (
                <a
                  href={`#${item.id}`}
                  className="underline underline-offset-2"
                  onClick={(event) => {
                    const target = document.getElementById(item.id!);
                    if (!target) return;
                    event.preventDefault();
                    target.focus();
                  }}
                >
                  {item.text}
                </a>
              ) : (
                item.text
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
