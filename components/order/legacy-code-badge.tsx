/** Marks a code imported from the legacy SCOP: it has no check digit of this portal. */
export const LEGACY_CODE_LABEL = "Código SCOP anterior";

export function LegacyCodeBadge() {
  return (
    <span
      className="ml-2 inline-block rounded bg-amber-100 px-2 py-0.5 align-middle font-sans text-xs font-bold tracking-normal whitespace-nowrap text-amber-900"
      title="Orden importada del SCOP anterior: su código se emitió sin el dígito verificador de este portal y se busca tal como se emitió."
    >
      {LEGACY_CODE_LABEL}
    </span>
  );
}

/** The code, with the legacy marker when it is one. */
export function OrderCode({ order, className }: { order: { code: string; legacyImportId: number | null }; className?: string }) {
  return (
    <>
      <span className={className ?? "font-mono"}>{order.code}</span>
      {order.legacyImportId !== null ? <LegacyCodeBadge /> : null}
    </>
  );
}
