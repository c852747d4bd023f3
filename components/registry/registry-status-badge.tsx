const TONES: Record<string, string> = {
  VIGENTE: "bg-green-100 text-green-900",
  SUSPENDIDO: "bg-red-100 text-red-900",
  CANCELADO: "bg-slate-200 text-slate-800",
};

export function RegistryStatusBadge({ status }: { status: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-bold ${TONES[status] ?? TONES.CANCELADO}`}>{status}</span>;
}
