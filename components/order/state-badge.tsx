import { STATE_LABELS, type OrderState } from "@/lib/orders/states";

const COLORS: Record<OrderState, string> = {
  SOLICITADO: "bg-sky-100 text-sky-900",
  VENDIDO: "bg-indigo-100 text-indigo-900",
  POR_CERRAR: "bg-amber-100 text-amber-900",
  CERRADO: "bg-green-100 text-green-900",
  ANULADO: "bg-slate-200 text-slate-800",
  RECHAZADO: "bg-red-100 text-red-900",
};

export function StateBadge({ state }: { state: string }) {
  const known = state as OrderState;
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-bold whitespace-nowrap ${COLORS[known] ?? ""}`}>{STATE_LABELS[known] ?? state}</span>;
}
