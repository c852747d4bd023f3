import { useId } from "react";
import { Button } from "./button";

/** An inline confirmation ("Aceptar" / "Cancelar") before an action that cannot be undone. */
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
  return (
    <div role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={children ? `${id}-text` : undefined} className="rounded-md border-2 border-red-300 bg-white p-4">
      <p id={`${id}-title`} className="font-semibold">
        {title}
      </p>
      {children ? (
        <p id={`${id}-text`} className="mt-1">
          {children}
        </p>
      ) : null}
      <div className="mt-3 flex gap-2">
        <Button variant="danger" onClick={onConfirm} disabled={pending} autoFocus>
          {pending ? pendingLabel : "Aceptar"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancelar
        </Button>
      </div>
    </div>
  );
}
