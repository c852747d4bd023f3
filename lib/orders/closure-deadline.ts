/**
 * An order POR CERRAR waits for the buyer. The regulation requires closing it the same Lima day
 * the product is received and unloaded (seed 002), a day the system learns only at the closure,
 * when the buyer declares it. So the screens claim no deadline: they show how long the order has
 * waited since the sale (flow a) or the dispatch (flow b), and call out those waiting longer than
 * the regulator's threshold for "sin cierre ni rechazo".
 */
import { DEFAULT_UNCLOSED_DAYS } from "./receipt";

export interface ClosureWait {
  minutesWaiting: number;
  /** waiting longer than `unclosedDays` days: neither closed nor rejected */
  overdue: boolean;
}

export function closureWait(porCerrarAt: Date, now: Date, unclosedDays = DEFAULT_UNCLOSED_DAYS): ClosureWait {
  const minutesWaiting = Math.max(0, Math.floor((now.getTime() - porCerrarAt.getTime()) / 60_000));
  return { minutesWaiting, overdue: minutesWaiting > unclosedDays * 1440 };
}

/** "2 h 15 min", "3 días 4 h". */
export function formatDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} ${days === 1 ? "día" : "días"} ${hours} h`;
  if (hours > 0) return `${hours} h ${mins} min`;
  return `${mins} min`;
}
