import type { OrderState } from "@/lib/orders/states";

/** One hue per state: light for badges, strong for chart marks, so a state looks the same everywhere. */
export const STATE_BADGE_CLASSES: Record<OrderState, string> = {
  SOLICITADO: "bg-sky-100 text-sky-900",
  VENDIDO: "bg-indigo-100 text-indigo-900",
  POR_CERRAR: "bg-amber-100 text-amber-900",
  CERRADO: "bg-green-100 text-green-900",
  ANULADO: "bg-slate-200 text-slate-800",
  RECHAZADO: "bg-red-100 text-red-900",
};

/** Tailwind's sky-600, indigo-600, amber-500, green-600, slate-500 and red-600. */
export const STATE_CHART_COLORS: Record<OrderState, string> = {
  SOLICITADO: "#0284c7",
  VENDIDO: "#4f46e5",
  POR_CERRAR: "#f59e0b",
  CERRADO: "#16a34a",
  ANULADO: "#64748b",
  RECHAZADO: "#dc2626",
};
