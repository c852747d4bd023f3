/**
 * The regulation requires the buyer to close an order on the day the product arrives, i.e. the
 * day (America/Lima) it reached POR CERRAR. Past that day's midnight the closure is late.
 */
import { calendarDaysBetween, endOfLimaDay, limaDay, type LimaDay } from "@/lib/time";

export type ClosureUrgency =
  | { kind: "due_today"; minutesLeft: number; minutesWaiting: number }
  | { kind: "late"; daysLate: number; minutesWaiting: number };

export function closureUrgency(porCerrarAt: Date, porCerrarDay: LimaDay, now: Date): ClosureUrgency {
  const minutesWaiting = Math.max(0, Math.floor((now.getTime() - porCerrarAt.getTime()) / 60_000));
  const today = limaDay(now);
  if (today <= porCerrarDay) {
    const minutesLeft = Math.max(0, Math.floor((endOfLimaDay(porCerrarDay).getTime() - now.getTime()) / 60_000));
    return { kind: "due_today", minutesLeft, minutesWaiting };
  }
  return { kind: "late", daysLate: calendarDaysBetween(porCerrarDay, today), minutesWaiting };
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
