import { STATE_LABELS, type OrderState } from "@/lib/orders/states";
import { STATE_BADGE_CLASSES } from "./state-colors";

export function StateBadge({ state }: { state: string }) {
  const known = state as OrderState;
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-bold whitespace-nowrap ${STATE_BADGE_CLASSES[known] ?? ""}`}>{STATE_LABELS[known] ?? state}</span>;
}
