/**
 * When the buyer had to act, and how late it did (RCD 025-2021-OS/CD art. 19.2 d, quoted in seed
 * 002): the order is closed the same America/Lima calendar day the product is received and
 * unloaded, and rejected at once when the buyer learns it will not arrive. Neither moment is known
 * to the system: the buyer declares it, as part of its sworn declaration, and these rules bound it
 * by what the system does know (the sale, the dispatch, the request, the present).
 *
 * Declared times are compared to the minute: the screens declare hours and minutes, so a truck
 * unloaded in the minute of its sale (08:10, sold at 08:10:35) is not "before the sale".
 */
import { calendarDaysBetween, formatLimaDateTime, limaDay, type LimaDay } from "@/lib/time";

/** What days late were counted from (orders.lateness_basis). */
export const LATENESS_BASES = ["DESCARGA", "AVISO", "VENTA_DESPACHO"] as const;
export type LatenessBasis = (typeof LATENESS_BASES)[number];

export const LATENESS_BASIS_LABELS: Record<LatenessBasis, string> = {
  DESCARGA: "Fecha de descarga declarada",
  AVISO: "Fecha en que supo que el producto no llegaría",
  VENTA_DESPACHO: "Día de la venta o del despacho (cierre anterior a la declaración de la descarga)",
};

/**
 * An order POR CERRAR longer than this (days since the sale, or the dispatch in flow b) has been
 * neither closed nor rejected: the regulator's "sin cierre ni rechazo" (editable in Cumplimiento),
 * and what the buyer's screens warn about. Three days cover the longest bulk-LPG truck routes.
 */
export const DEFAULT_UNCLOSED_DAYS = 3;

const MINUTE = 60_000;

export function startOfMinute(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / MINUTE) * MINUTE);
}

/** A declared instant is before `reference` only if its minute is. */
export function isBeforeMinuteOf(declared: Date, reference: Date): boolean {
  return declared.getTime() < startOfMinute(reference).getTime();
}

/**
 * Why a lot's declared descarga is impossible, or null: not before the lot left (its sale in flow a,
 * its dispatch in flow b) and not after the closure being recorded.
 */
export function unloadedAtProblem(unloadedAt: Date, departure: { at: Date; kind: "venta" | "despacho" }, now: Date): string | null {
  if (unloadedAt.getTime() > now.getTime()) return "La fecha y hora de descarga no puede ser posterior a este momento.";
  if (isBeforeMinuteOf(unloadedAt, departure.at)) {
    return `La descarga no puede ser anterior ${departure.kind === "venta" ? "a la venta" : "al despacho"} del lote (${formatLimaDateTime(departure.at)}).`;
  }
  return null;
}

/** Why a declared "supe que no llegaría" is impossible, or null: not before the order existed, not in the future. */
export function nonDeliveryKnownAtProblem(knownAt: Date, requestedAt: Date, now: Date): string | null {
  if (knownAt.getTime() > now.getTime()) return "La fecha y hora en que supo que el producto no llegaría no puede ser posterior a este momento.";
  if (isBeforeMinuteOf(knownAt, requestedAt)) {
    return `La fecha y hora en que supo que el producto no llegaría no puede ser anterior al registro de la orden (${formatLimaDateTime(requestedAt)}).`;
  }
  return null;
}

export interface Lateness {
  /** the Lima day the closure or rejection was due */
  dueDay: LimaDay;
  /** Lima calendar days from dueDay to the day it was recorded (0: on time) */
  daysLate: number;
}

/** Days late from the Lima day of `dueAt` (the earliest descarga, or the notice) to the Lima day of `recordedAt`. */
export function latenessFrom(dueAt: Date, recordedAt: Date): Lateness {
  const dueDay = limaDay(dueAt);
  return { dueDay, daysLate: Math.max(0, calendarDaysBetween(dueDay, limaDay(recordedAt))) };
}

/** The earliest of the declared descargas: the product arrived then, so the closure was due that day. */
export function earliest(instants: readonly Date[]): Date {
  return instants.reduce((min, at) => (at.getTime() < min.getTime() ? at : min));
}
