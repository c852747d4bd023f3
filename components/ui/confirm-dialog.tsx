"use client";

import { useEffect, useId, useRef } from "react";
import { Button } from "./button";

/**
 * A modal confirmation ("Aceptar" / "Cancelar") before an action that cannot be undone. It is the
 * browser's own modal <dialog>: the rest of the page is inert while it is open, and Tab wraps
 * around its two buttons; Escape is "Cancelar"; the focus starts on "Aceptar" and, when it
 * closes, returns to what opened it (if that is still on the page; otherwise the caller moves
 * it, e.g. to the result).
 * Mount it to open it, unmount it to close it.
 */
export function ConfirmDialog({
  title,
  children,
  pending,
  pendingLabel,
  onConfirm,
  onCancel,
}: {
  title: string;
  children?: React.ReactNode;
  pending: boolean;
  pendingLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!element.open) element.showModal();
    return () => {
      if (element.open) element.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={children ? `${id}-text` : undefined}
      onKeyDown={(event) => {
        // Tab wraps around inside the dialog instead of leaving it for the browser's own controls.
        if (event.key !== "Tab") return;
        const controls = [...event.currentTarget.querySelectorAll<HTMLElement>("button:not(:disabled)")];
        const [first, last] = [controls[0], controls[controls.length - 1]];
        if (!first) return;
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
      onCancel={(event) => {
        // Escape: the dialog closes through its owner, like "Cancelar" (never while the action runs).
        event.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100%-2rem))] rounded-md border-2 border-red-300 bg-white p-4 text-slate-900 backdrop:bg-slate-900/60"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      {children ? (
        <p id={`${id}-text`} className="mt-1">
          {children}
        </p>
      ) : null}
      <div className="mt-4 flex flex-wrap gap-2">
        <Button variant="danger" onClick={onConfirm} disabled={pending} autoFocus>
          {pending ? pendingLabel : "Aceptar"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancelar
        </Button>
      </div>
    </dialog>
  );
}
